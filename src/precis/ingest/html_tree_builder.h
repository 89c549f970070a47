// The HTML tree builder's state (html_dom.cc tokenizes, html_tree.cc builds the tree). Internal
// to html_dom; see html_dom.h for the rules it implements.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "precis/ingest/html_dom.h"

namespace precis::ingest::html {

inline constexpr bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
inline constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline constexpr bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
inline constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool has_upper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

inline bool all_space(std::string_view s) {
  for (char c : s) {
    if (!is_space(c)) return false;
  }
  return true;
}

inline bool starts_with_lower(std::string_view s, std::size_t at, std::string_view lower_prefix) {
  if (at + lower_prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (lower(s[at + i]) != lower_prefix[i]) return false;
  }
  return true;
}

// Builds the Document while tokenizing. One instance per parse.
class TreeBuilder {
 public:
  TreeBuilder(Document& doc, std::string_view src) : d_(doc), s_(src) {}
  void run();

 private:
  enum class Mode { kInitial, kBeforeHead, kInHead, kInHeadNoscript, kAfterHead, kInBody };
  enum class Scope { kDefault, kButton, kListItem, kTable };

  struct TagToken {
    std::string_view name;
    Tag tag = Tag::kOther;
    bool self_closing = false;
    ByteSpan span;
    std::uint32_t attr_begin = 0, attr_count = 0;  // in scratch_attrs_
  };

  // Tokenizer.
  std::size_t read_tag(std::size_t lt, bool end, TagToken& token);
  std::size_t skip_to_gt(std::size_t from) const;
  std::size_t comment(std::size_t lt);
  std::size_t raw_text(std::size_t from);
  void text(std::size_t begin, std::size_t end, bool decode);
  std::string_view store(std::string_view text);
  std::string_view lower_name(std::string_view name);

  // Tree.
  NodeId current() const { return open_.empty() ? Document::root() : open_.back(); }
  // Searches of the open elements look at most this deep from the top, so that absurdly nested
  // pages (100k unclosed spans, then 100k stray end tags) parse in linear time. Real pages nest
  // a few dozen deep; an element further down than this is treated as out of scope.
  static constexpr std::size_t kMaxSearch = 1024;
  std::size_t search_floor() const { return open_.size() > kMaxSearch ? open_.size() - kMaxSearch : 0; }
  const Node& node(NodeId id) const { return d_.nodes_[id]; }
  Tag tag(NodeId id) const { return d_.nodes_[id].tag; }
  NodeId append(NodeId parent, Node n);
  NodeId element(const TagToken& t, NodeId parent);
  NodeId implied(Tag tag);
  NodeId insert(const TagToken& t);
  void push(NodeId id);
  void pop();
  void pop_until(Tag tag, ByteSpan end_tag);
  void pop_until_heading(ByteSpan end_tag);
  void merge_attributes(NodeId target, const TagToken& t);
  bool in_scope(Tag target, Scope scope) const;
  bool foreign_content() const;
  void close_p();
  void generate_implied_end_tags(Tag except);
  void ensure_body();

  void start_tag(TagToken& t);
  void start_in_body(TagToken& t);
  void table_start(TagToken& t);
  void end_tag(const TagToken& t);
  void end_in_body(const TagToken& t);
  void insert_text(std::uint32_t begin, std::uint32_t end, std::string_view decoded);
  std::uint32_t leading_space(std::uint32_t begin, std::uint32_t end) const;
  void insert_comment(std::uint32_t begin, std::uint32_t end, std::string_view content);
  void doctype(std::string_view content);

  Document& d_;
  std::string_view s_;
  Mode mode_ = Mode::kInitial;
  std::vector<NodeId> open_;
  std::uint32_t open_count_[static_cast<std::size_t>(Tag::kCount)] = {};  // open elements per tag
  std::vector<Attribute> scratch_attrs_;
  NodeId form_ = kNoNode;
  bool seen_doctype_ = false;
  // Set by the builder: the tokenizer reads the next text as raw text of this element.
  enum class Raw { kNone, kRawText, kEscapable, kPlaintext } raw_ = Raw::kNone;
  bool skip_newline_ = false;  // drop a newline right after <pre>, <listing>, <textarea>
  std::string scratch_;
  char* block_ = nullptr;
  std::size_t block_left_ = 0;
};


}  // namespace precis::ingest::html
