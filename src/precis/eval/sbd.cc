#include "precis/eval/sbd.h"

#include <algorithm>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "precis/base/utf8.h"
#include "precis/text/normalize.h"
#include "precis/text/sentence_splitter.h"

namespace precis::eval {
namespace {

std::string_view strip(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

Result<std::vector<nlohmann::json>> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error("cannot open " + path);
  std::vector<nlohmann::json> records;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (strip(line).empty()) continue;
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object()) {
      return make_error(path + " line " + std::to_string(number) + ": not a JSON object");
    }
    records.push_back(std::move(record));
  }
  return records;
}

std::string string_field(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::vector<std::string> string_list(const nlohmann::json& record, const char* key) {
  std::vector<std::string> out;
  auto it = record.find(key);
  if (it == record.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string context_around(std::string_view text, std::uint32_t byte_offset) {
  std::size_t begin = byte_offset > 50 ? byte_offset - 50 : 0;
  std::size_t end = std::min<std::size_t>(text.size(), byte_offset + 50);
  while (begin > 0 && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) --begin;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string out(text.substr(begin, byte_offset - begin));
  out += " ‖ ";
  out += text.substr(byte_offset, end - byte_offset);
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

}  // namespace

std::vector<EvalSentence> split_for_eval(std::string_view input, const std::string& language) {
  text::Normalized normalized = text::normalize(input);
  text::SentenceSplitOptions options;
  options.language = language;
  std::vector<EvalSentence> out;
  for (ByteSpan s : text::split_sentences(normalized.text, options)) {
    ByteSpan source = normalized.map.to_source(s);
    std::string_view original = slice(input, source);
    // Trim the original substring too, adjusting the span.
    std::string_view trimmed = strip(original);
    auto begin = static_cast<std::uint32_t>(source.begin + (trimmed.data() - original.data()));
    out.push_back(EvalSentence{std::string(trimmed), begin, begin + static_cast<std::uint32_t>(trimmed.size())});
  }
  return out;
}

bool same_sentences(const std::vector<std::string>& expected, const std::vector<std::string>& got) {
  if (expected.size() != got.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (strip(expected[i]) != strip(got[i])) return false;
  }
  return true;
}

BoundaryScore score_boundaries(const std::vector<std::uint32_t>& gold_ends,
                               const std::vector<std::uint32_t>& predicted_ends) {
  std::set<std::uint32_t> gold(gold_ends.begin(), gold_ends.end());
  std::set<std::uint32_t> predicted(predicted_ends.begin(), predicted_ends.end());
  BoundaryScore score;
  score.gold = gold.size();
  score.predicted = predicted.size();
  for (std::uint32_t p : predicted) score.correct += gold.count(p);
  return score;
}

std::uint32_t code_point_offset(std::string_view text, std::uint32_t byte_offset) {
  std::uint32_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size() && pos < byte_offset) {
    std::size_t len = 1;
    utf8::decode(text, pos, &len);
    pos += len;
    ++count;
  }
  return count;
}

Result<SbdReport> evaluate_golden_rules(const std::string& path) {
  auto records = read_jsonl(path);
  if (!records) return tl::unexpected(records.error());
  SbdReport report;
  report.dataset = "golden_rules_en";
  for (const auto& record : *records) {
    std::string text = string_field(record, "text");
    std::vector<std::string> expected = string_list(record, "sentences");
    std::vector<std::string> got;
    std::vector<std::uint32_t> gold_ends;
    std::vector<std::uint32_t> predicted_ends;
    for (const auto& s : split_for_eval(text)) {
      got.push_back(s.text);
      predicted_ends.push_back(s.end);
    }
    // Gold ends: locate each gold sentence in order (golden-rule texts are the sentences joined).
    std::size_t from = 0;
    for (const auto& g : expected) {
      std::string_view needle = strip(g);
      std::size_t at = text.find(needle, from);
      if (at == std::string::npos) break;
      from = at + needle.size();
      gold_ends.push_back(static_cast<std::uint32_t>(from));
    }
    BoundaryScore score = score_boundaries(gold_ends, predicted_ends);
    report.boundaries.gold += score.gold;
    report.boundaries.predicted += score.predicted;
    report.boundaries.correct += score.correct;
    ++report.cases;
    if (same_sentences(expected, got)) {
      ++report.exact;
    } else {
      report.failures.push_back(SbdFailure{string_field(record, "id"), string_field(record, "rule"), text,
                                           std::move(expected), std::move(got)});
    }
  }
  return report;
}

Result<SbdReport> evaluate_gum(const std::string& path) {
  auto records = read_jsonl(path);
  if (!records) return tl::unexpected(records.error());
  SbdReport report;
  report.dataset = "gum_news";
  for (const auto& record : *records) {
    std::string text = string_field(record, "text");
    std::string id = string_field(record, "doc_id");
    std::vector<std::uint32_t> gold_ends;
    auto spans = record.find("sentence_spans");
    if (spans != record.end() && spans->is_array()) {
      for (const auto& span : *spans) {
        if (span.is_array() && span.size() == 2 && span[1].is_number_unsigned()) {
          gold_ends.push_back(span[1].get<std::uint32_t>());
        }
      }
    }
    std::vector<std::uint32_t> predicted_ends;
    std::vector<std::uint32_t> predicted_bytes;
    for (const auto& s : split_for_eval(text)) {
      predicted_ends.push_back(code_point_offset(text, s.end));
      predicted_bytes.push_back(s.end);
    }
    BoundaryScore score = score_boundaries(gold_ends, predicted_ends);
    report.boundaries.gold += score.gold;
    report.boundaries.predicted += score.predicted;
    report.boundaries.correct += score.correct;
    ++report.cases;
    // Failures: list each missed gold end and each spurious predicted end with context.
    std::set<std::uint32_t> gold(gold_ends.begin(), gold_ends.end());
    std::set<std::uint32_t> predicted(predicted_ends.begin(), predicted_ends.end());
    std::vector<std::uint32_t> cp_to_byte;  // built lazily for the context of missed ends
    for (std::size_t i = 0; i < predicted_ends.size(); ++i) {
      if (!gold.count(predicted_ends[i])) {
        report.failures.push_back(SbdFailure{id, "spurious", context_around(text, predicted_bytes[i]), {}, {}});
      }
    }
    for (std::uint32_t g : gold) {
      if (predicted.count(g)) continue;
      if (cp_to_byte.empty()) {
        std::size_t pos = 0;
        while (pos < text.size()) {
          cp_to_byte.push_back(static_cast<std::uint32_t>(pos));
          std::size_t len = 1;
          utf8::decode(text, pos, &len);
          pos += len;
        }
        cp_to_byte.push_back(static_cast<std::uint32_t>(text.size()));
      }
      std::uint32_t byte = g < cp_to_byte.size() ? cp_to_byte[g] : static_cast<std::uint32_t>(text.size());
      report.failures.push_back(SbdFailure{id, "missed", context_around(text, byte), {}, {}});
    }
  }
  return report;
}

}  // namespace precis::eval
