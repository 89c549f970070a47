#include "precis/facts/conll.h"

#include <fstream>
#include <sstream>

namespace precis::facts {

const char* name_type_code(NameType type) {
  switch (type) {
    case NameType::kPerson: return "PER";
    case NameType::kOrganization: return "ORG";
    case NameType::kLocation: return "LOC";
    case NameType::kMisc: return "MISC";
  }
  return "MISC";
}

bool parse_name_type(std::string_view code, NameType* type) {
  if (code == "PER") *type = NameType::kPerson;
  else if (code == "ORG") *type = NameType::kOrganization;
  else if (code == "LOC") *type = NameType::kLocation;
  else if (code == "MISC") *type = NameType::kMisc;
  else return false;
  return true;
}

namespace {

// Splits "B-PER" into ('B', PER); false for "O" and anything unknown.
bool split_tag(std::string_view tag, char* prefix, NameType* type) {
  if (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I')) return false;
  *prefix = tag[0];
  return parse_name_type(tag.substr(2), type);
}

void finish_sentence(LabeledSentence& sentence, std::vector<LabeledDocument>& docs) {
  if (sentence.words.empty()) return;
  // IOB1 -> IOB2 by way of spans.
  sentence.tags = tags_from_spans(spans_from_tags(sentence.tags), sentence.words.size());
  if (docs.empty()) docs.emplace_back();
  docs.back().sentences.push_back(std::move(sentence));
  sentence = {};
}

}  // namespace

Result<std::vector<LabeledDocument>> read_conll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot open " + path);
  std::vector<LabeledDocument> docs;
  LabeledSentence sentence;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      finish_sentence(sentence, docs);
      continue;
    }
    std::istringstream fields(line);
    std::vector<std::string> cols;
    std::string col;
    while (fields >> col) cols.push_back(col);
    if (cols.size() < 2) continue;
    if (cols[0] == "-DOCSTART-") {
      finish_sentence(sentence, docs);
      docs.emplace_back();
      continue;
    }
    sentence.words.push_back(cols.front());
    sentence.tags.push_back(cols.back());
  }
  finish_sentence(sentence, docs);
  std::vector<LabeledDocument> non_empty;
  for (auto& d : docs) {
    if (!d.sentences.empty()) non_empty.push_back(std::move(d));
  }
  return non_empty;
}

std::vector<NameSpan> spans_from_tags(const std::vector<std::string>& tags) {
  std::vector<NameSpan> spans;
  bool open = false;
  NameSpan current;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    char prefix = 0;
    NameType type{};
    const bool is_name = split_tag(tags[i], &prefix, &type);
    const bool continues = is_name && open && prefix == 'I' && type == current.type;
    if (open && !continues) {
      current.end = static_cast<std::uint32_t>(i);
      spans.push_back(current);
      open = false;
    }
    if (is_name && !continues) {
      current = NameSpan{static_cast<std::uint32_t>(i), 0, type};
      open = true;
    }
  }
  if (open) {
    current.end = static_cast<std::uint32_t>(tags.size());
    spans.push_back(current);
  }
  return spans;
}

std::vector<std::string> tags_from_spans(const std::vector<NameSpan>& spans, std::size_t word_count) {
  std::vector<std::string> tags(word_count, "O");
  for (const NameSpan& s : spans) {
    for (std::uint32_t i = s.begin; i < s.end && i < word_count; ++i) {
      tags[i] = std::string(i == s.begin ? "B-" : "I-") + name_type_code(s.type);
    }
  }
  return tags;
}

}  // namespace precis::facts
