// The Porter (1980) suffix-stripping stemmer, exactly as ROUGE-1.5.5 runs it with `-m`.
//
// ROUGE-1.5.5 embeds Martin Porter's own Perl release of the algorithm (the "official" variant with
// the departures bli->ble and logi->log in step 2), modified by Chin-Yew Lin in 2004 so that step 4
// tries "-ement", then "-ment", then "-ent"/"-ion" as separate consecutive rules rather than as one
// longest-suffix choice. porter_stem() reproduces that code, not Snowball's Porter2.
//
// Reference: M.F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980, pp. 130-137.
#pragma once

#include <string>
#include <string_view>

namespace precis::eval {

// The stem of `word`, which must be lower-case ASCII letters and digits (ROUGE's tokens); other
// bytes are treated as consonants and never crash. Words shorter than 3 bytes come back unchanged.
// Note that ROUGE itself only stems tokens longer than 3 bytes: that rule lives in the tokenizer
// (rouge.h), not here. Pure function, thread-safe.
std::string porter_stem(std::string_view word);

}  // namespace precis::eval
