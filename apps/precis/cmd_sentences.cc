// precis sentences FILE|-: one sentence per line (normalised text), or with --offsets
// "start<TAB>end<TAB>sentence" where [start, end) are byte offsets into the input as read.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "commands.h"
#include "precis/text/normalize.h"
#include "precis/text/sentence_splitter.h"

namespace precis::cli {
namespace {

struct SentencesArgs {
  std::string input;
  bool offsets = false;
  std::string language = "en";
};

int run(const SentencesArgs& args) {
  std::string bytes;
  if (args.input == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(args.input, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "precis sentences: cannot open %s\n", args.input.c_str());
      return 1;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  text::Normalized normalized = text::normalize(bytes);
  text::SentenceSplitOptions options;
  options.language = args.language;
  std::string out;
  for (ByteSpan s : text::split_sentences(normalized.text, options)) {
    std::string_view sentence = slice(normalized.text, s);
    if (args.offsets) {
      ByteSpan source = normalized.map.to_source(s);
      out += std::to_string(source.begin);
      out += '\t';
      out += std::to_string(source.end);
      out += '\t';
    }
    out += sentence;
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void add_sentences_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SentencesArgs>();
  CLI::App* cmd = app.add_subcommand("sentences", "Split a plain-text file (or stdin: -) into sentences, one per line");
  cmd->add_option("input", args->input, "Plain-text file, or - for stdin")->required();
  cmd->add_flag("--offsets", args->offsets, "Print start<TAB>end<TAB>sentence with byte offsets into the input");
  cmd->add_option("--language", args->language, "ISO 639-1 language of the text (abbreviation lists)");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace precis::cli
