// Placeholder while the command is being written; replaced by its owner.
#include "commands.h"
namespace precis::cli {
void add_eval_sbd_command(CLI::App& app, int& exit_code) { (void)app; (void)exit_code; }
}  // namespace precis::cli
