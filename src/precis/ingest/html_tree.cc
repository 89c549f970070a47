// HTML tree construction: where each token goes (WHATWG HTML §13.2.6, folded into one "in body"
// handler plus the head modes; html_dom.h lists what is implemented and what is not).
#include <algorithm>

#include "precis/ingest/html_tags.h"
#include "precis/ingest/html_tree_builder.h"

namespace precis::ingest::html {

NodeId TreeBuilder::append(NodeId parent, Node n) {
  auto id = static_cast<NodeId>(d_.nodes_.size());
  n.parent = parent;
  d_.nodes_.push_back(n);
  Node& p = d_.nodes_[parent];
  if (p.last_child == kNoNode) {
    p.first_child = id;
  } else {
    d_.nodes_[p.last_child].next_sibling = id;
    d_.nodes_[id].prev_sibling = p.last_child;
  }
  p.last_child = id;
  return id;
}

NodeId TreeBuilder::element(const TagToken& t, NodeId parent) {
  Node n;
  n.kind = NodeKind::kElement;
  n.tag = t.tag;
  n.name = t.name;
  n.source = t.span;
  n.first_attribute = static_cast<std::uint32_t>(d_.attributes_.size());
  n.attribute_count = t.attr_count;
  d_.attributes_.insert(d_.attributes_.end(), scratch_attrs_.begin() + t.attr_begin,
                        scratch_attrs_.begin() + t.attr_begin + t.attr_count);
  const Node& p = node(parent);
  bool integration = p.tag == Tag::kForeignObject || p.tag == Tag::kDesc || p.tag == Tag::kTitle ||
                     p.tag == Tag::kMi || p.tag == Tag::kMo || p.tag == Tag::kMn || p.tag == Tag::kMs ||
                     p.tag == Tag::kMtext || p.tag == Tag::kAnnotationXml;
  n.foreign = t.tag == Tag::kSvg || t.tag == Tag::kMath || (p.foreign && !integration);
  return append(parent, n);
}

NodeId TreeBuilder::implied(Tag tag) {
  TagToken t;
  t.tag = tag;
  t.name = tag_name(tag);
  t.span = ByteSpan{};
  NodeId id = element(t, current());
  push(id);
  return id;
}

void TreeBuilder::push(NodeId id) {
  open_.push_back(id);
  ++open_count_[static_cast<std::size_t>(node(id).tag)];
  d_.max_depth_ = std::max(d_.max_depth_, open_.size());
}

void TreeBuilder::pop() {
  --open_count_[static_cast<std::size_t>(node(open_.back()).tag)];
  open_.pop_back();
}

// Inserts an element for `t` at the current node; void elements (and self-closing foreign ones)
// are not left open.
NodeId TreeBuilder::insert(const TagToken& t) {
  NodeId id = element(t, current());
  const Node& n = node(id);
  bool closed = n.foreign ? t.self_closing : (tag_flags(t.tag) & kVoid) != 0;
  if (!closed) push(id);
  return id;
}

void TreeBuilder::merge_attributes(NodeId target, const TagToken& t) {
  if (target == kNoNode || t.attr_count == 0) return;
  // Rare (a second <html> or <body>): rebuild the element's attribute run at the end.
  std::vector<Attribute> merged(d_.attributes_.begin() + node(target).first_attribute,
                                d_.attributes_.begin() + node(target).first_attribute + node(target).attribute_count);
  for (std::uint32_t k = 0; k < t.attr_count; ++k) {
    const Attribute& a = scratch_attrs_[t.attr_begin + k];
    bool present = false;
    for (const Attribute& m : merged) present = present || m.name == a.name;
    if (!present) merged.push_back(a);
  }
  Node& n = d_.nodes_[target];
  n.first_attribute = static_cast<std::uint32_t>(d_.attributes_.size());
  n.attribute_count = static_cast<std::uint32_t>(merged.size());
  d_.attributes_.insert(d_.attributes_.end(), merged.begin(), merged.end());
}

bool TreeBuilder::in_scope(Tag target, Scope scope) const {
  if (open_count_[static_cast<std::size_t>(target)] == 0) return false;  // keeps deep pages linear
  for (std::size_t k = open_.size(); k-- > search_floor();) {
    const Node& n = node(open_[k]);
    if (n.tag == target && !n.foreign) return true;
    if (scope == Scope::kTable) {
      if (n.tag == Tag::kTable || n.tag == Tag::kHtml || n.tag == Tag::kTemplate) return false;
      continue;
    }
    if (tag_flags(n.tag) & kScope) return false;
    if (scope == Scope::kButton && n.tag == Tag::kButton) return false;
    if (scope == Scope::kListItem && (n.tag == Tag::kOl || n.tag == Tag::kUl)) return false;
  }
  return false;
}

bool TreeBuilder::foreign_content() const {
  if (open_.empty()) return false;
  return node(open_.back()).foreign;
}

void TreeBuilder::pop_until(Tag tag, ByteSpan end_tag) {
  while (!open_.empty()) {
    NodeId id = open_.back();
    pop();
    if (node(id).tag == tag && !node(id).foreign) {
      d_.nodes_[id].end_tag = end_tag;
      return;
    }
  }
}

void TreeBuilder::pop_until_heading(ByteSpan end_tag) {
  while (!open_.empty()) {
    NodeId id = open_.back();
    pop();
    if (tag_flags(node(id).tag) & kHeading) {
      d_.nodes_[id].end_tag = end_tag;
      return;
    }
  }
}

void TreeBuilder::generate_implied_end_tags(Tag except) {
  while (!open_.empty()) {
    Tag t = tag(open_.back());
    if (t == except || !(tag_flags(t) & kImpliedEnd)) return;
    pop();
  }
}

void TreeBuilder::close_p() {
  if (!in_scope(Tag::kP, Scope::kButton)) return;
  generate_implied_end_tags(Tag::kP);
  pop_until(Tag::kP, ByteSpan{});
}

void TreeBuilder::ensure_body() {
  if (mode_ == Mode::kInBody) return;
  if (d_.html_ == kNoNode) d_.html_ = implied(Tag::kHtml);
  if (d_.head_ == kNoNode) d_.head_ = implied(Tag::kHead);
  while (!open_.empty() && open_.back() != d_.html_) pop();
  if (open_.empty()) push(d_.html_);
  d_.body_ = implied(Tag::kBody);
  mode_ = Mode::kInBody;
}

void TreeBuilder::doctype(std::string_view content) {
  if (mode_ != Mode::kInitial || seen_doctype_) return;
  seen_doctype_ = true;
  std::string lowered(content.substr(0, 200));
  for (char& c : lowered) c = lower(c);
  std::size_t k = 0;
  while (k < lowered.size() && is_space(lowered[k])) ++k;
  bool html = lowered.compare(k, 4, "html") == 0 && (k + 4 == lowered.size() || is_space(lowered[k + 4]));
  bool has_system = lowered.find("http://www.w3.org/tr/") != std::string::npos ||
                    std::count(lowered.begin(), lowered.end(), '"') >= 4;
  bool legacy = lowered.find("-//w3c//dtd html 3") != std::string::npos ||
                lowered.find("-//w3c//dtd html 4.0 transitional") != std::string::npos ||
                lowered.find("-//ietf//dtd html") != std::string::npos ||
                (!has_system && (lowered.find("-//w3c//dtd html 4.01 transitional") != std::string::npos ||
                                 lowered.find("-//w3c//dtd html 4.01 frameset") != std::string::npos));
  d_.quirks_ = !html || legacy;
}

void TreeBuilder::insert_comment(std::uint32_t begin, std::uint32_t end, std::string_view content) {
  Node n;
  n.kind = NodeKind::kComment;
  n.text = content;
  n.source = ByteSpan{begin, end};
  append(current(), n);
}

// Source whitespace at the start of [begin, end): what decoded leading whitespace came from (a
// reference such as "&#32;" ends it early, and the text then maps more coarsely).
std::uint32_t TreeBuilder::leading_space(std::uint32_t begin, std::uint32_t end) const {
  std::uint32_t k = begin;
  while (k < end && is_space(s_[k])) ++k;
  return k - begin;
}

void TreeBuilder::insert_text(std::uint32_t begin, std::uint32_t end, std::string_view decoded) {
  if (decoded.empty()) return;
  if (mode_ != Mode::kInBody && current() == d_.head_ && d_.head_ != kNoNode && mode_ == Mode::kInHead) {
    // Leading whitespace stays in the head; the rest opens the body.
    std::size_t ws = 0;
    while (ws < decoded.size() && is_space(decoded[ws])) ++ws;
    if (ws == decoded.size()) {
      Node n;
      n.kind = NodeKind::kText;
      n.whitespace = true;
      n.text = decoded;
      n.source = ByteSpan{begin, end};
      append(current(), n);
      return;
    }
    std::uint32_t source_ws = leading_space(begin, end);
    if (ws > 0) {
      Node n;
      n.kind = NodeKind::kText;
      n.whitespace = true;
      n.text = decoded.substr(0, ws);
      n.source = ByteSpan{begin, begin + source_ws};
      append(current(), n);
    }
    begin += source_ws;
    pop();  // head
    mode_ = Mode::kAfterHead;
    decoded.remove_prefix(ws);
  }
  if (mode_ == Mode::kInHeadNoscript && current() != kNoNode && tag(current()) == Tag::kNoscript &&
      !all_space(decoded)) {
    pop();
    mode_ = Mode::kInHead;
    pop();  // head
    mode_ = Mode::kAfterHead;
  }
  if (mode_ == Mode::kInitial || mode_ == Mode::kBeforeHead || mode_ == Mode::kAfterHead ||
      (mode_ == Mode::kInHead && current() == d_.head_)) {
    std::size_t ws = 0;
    while (ws < decoded.size() && is_space(decoded[ws])) ++ws;
    if (ws == decoded.size()) {
      if (mode_ != Mode::kAfterHead) return;  // ignored before the head
    } else {
      begin += leading_space(begin, end);
      decoded.remove_prefix(ws);
      ensure_body();
    }
  }
  Node n;
  n.kind = NodeKind::kText;
  n.whitespace = all_space(decoded);
  n.text = decoded;
  n.source = ByteSpan{begin, end};
  append(current(), n);
}

void TreeBuilder::start_tag(TagToken& t) {
  switch (mode_) {
    case Mode::kInitial:
      if (!seen_doctype_) d_.quirks_ = true;
      if (t.tag == Tag::kHtml) {
        d_.html_ = element(t, Document::root());
        push(d_.html_);
        mode_ = Mode::kBeforeHead;
        return;
      }
      d_.html_ = implied(Tag::kHtml);
      mode_ = Mode::kBeforeHead;
      [[fallthrough]];
    case Mode::kBeforeHead:
      if (t.tag == Tag::kHtml) return merge_attributes(d_.html_, t);
      if (t.tag == Tag::kHead) {
        d_.head_ = insert(t);
        mode_ = Mode::kInHead;
        return;
      }
      d_.head_ = implied(Tag::kHead);
      mode_ = Mode::kInHead;
      [[fallthrough]];
    case Mode::kInHead:
    case Mode::kInHeadNoscript:
      if (mode_ == Mode::kInHeadNoscript) {
        if (t.tag == Tag::kLink || t.tag == Tag::kMeta || t.tag == Tag::kStyle || t.tag == Tag::kNoframes ||
            t.tag == Tag::kBasefont || t.tag == Tag::kBgsound) {
          start_in_body(t);
          return;
        }
        if (tag(current()) == Tag::kNoscript) pop();
        mode_ = Mode::kInHead;
      }
      if (t.tag == Tag::kHtml) return merge_attributes(d_.html_, t);
      if (t.tag == Tag::kHead) return;
      if (t.tag == Tag::kBase || t.tag == Tag::kBasefont || t.tag == Tag::kBgsound || t.tag == Tag::kLink ||
          t.tag == Tag::kMeta || t.tag == Tag::kTitle || t.tag == Tag::kStyle || t.tag == Tag::kScript ||
          t.tag == Tag::kNoframes || t.tag == Tag::kTemplate) {
        start_in_body(t);  // same element handling, inserted in the head
        return;
      }
      if (t.tag == Tag::kNoscript) {
        insert(t);
        mode_ = Mode::kInHeadNoscript;
        return;
      }
      while (!open_.empty() && open_.back() != d_.html_) pop();  // the head
      mode_ = Mode::kAfterHead;
      [[fallthrough]];
    case Mode::kAfterHead:
      if (t.tag == Tag::kHtml) return merge_attributes(d_.html_, t);
      if (t.tag == Tag::kHead) return;
      if (t.tag == Tag::kBody) {
        d_.body_ = insert(t);
        mode_ = Mode::kInBody;
        return;
      }
      if (t.tag == Tag::kFrameset) {
        insert(t);
        mode_ = Mode::kInBody;
        return;
      }
      if (t.tag == Tag::kBase || t.tag == Tag::kBasefont || t.tag == Tag::kBgsound || t.tag == Tag::kLink ||
          t.tag == Tag::kMeta || t.tag == Tag::kTitle || t.tag == Tag::kStyle || t.tag == Tag::kScript ||
          t.tag == Tag::kNoframes || t.tag == Tag::kTemplate) {
        start_in_body(t);  // after </head>: kept beside the head, not in the body
        return;
      }
      ensure_body();
      [[fallthrough]];
    case Mode::kInBody:
      start_in_body(t);
      return;
  }
}

void TreeBuilder::start_in_body(TagToken& t) {
  if (foreign_content()) {
    bool breakout = (tag_flags(t.tag) & kBreakout) != 0;
    if (t.tag == Tag::kFont) {
      for (std::uint32_t k = 0; k < t.attr_count; ++k) {
        std::string_view a = scratch_attrs_[t.attr_begin + k].name;
        breakout = breakout || a == "color" || a == "face" || a == "size";
      }
    }
    if (!breakout) {
      insert(t);
      return;
    }
    while (!open_.empty() && node(open_.back()).foreign) pop();
  }
  if (t.tag == Tag::kImage) t.tag = Tag::kImg, t.name = "img";  // an HTML <image> is an <img>
  const std::uint16_t flags = tag_flags(t.tag);
  switch (t.tag) {
    case Tag::kHtml:
      return merge_attributes(d_.html_, t);
    case Tag::kBody:
      return merge_attributes(d_.body_, t);
    case Tag::kHead:
    case Tag::kFrame:
      return;
    case Tag::kTitle:
    case Tag::kTextarea:
      insert(t);
      raw_ = Raw::kEscapable;
      skip_newline_ = t.tag == Tag::kTextarea;
      return;
    case Tag::kXmp:
      close_p();
      [[fallthrough]];
    case Tag::kStyle: case Tag::kScript: case Tag::kIframe: case Tag::kNoembed: case Tag::kNoframes:
      insert(t);
      raw_ = Raw::kRawText;
      return;
    case Tag::kPlaintext:
      close_p();
      insert(t);
      raw_ = Raw::kPlaintext;
      return;
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6:
      close_p();
      if (!open_.empty() && (tag_flags(tag(open_.back())) & kHeading)) pop();
      insert(t);
      return;
    case Tag::kPre:
    case Tag::kListing:
      close_p();
      insert(t);
      skip_newline_ = true;
      return;
    case Tag::kForm:
      if (form_ != kNoNode) return;  // no nested forms
      close_p();
      form_ = insert(t);
      return;
    case Tag::kLi:
    case Tag::kDd:
    case Tag::kDt:
      // Close an open list item of the same kind, unless a special element (other than
      // address, div, p) stands between.
      for (std::size_t k = open_.size(); k-- > search_floor();) {
        Tag o = tag(open_[k]);
        bool same = t.tag == Tag::kLi ? o == Tag::kLi : (o == Tag::kDd || o == Tag::kDt);
        if (same) {
          generate_implied_end_tags(o);
          pop_until(o, ByteSpan{});
          break;
        }
        if ((tag_flags(o) & kSpecial) && o != Tag::kAddress && o != Tag::kDiv && o != Tag::kP) break;
      }
      close_p();
      insert(t);
      return;
    case Tag::kButton:
      if (in_scope(Tag::kButton, Scope::kDefault)) {
        generate_implied_end_tags(Tag::kOther);
        pop_until(Tag::kButton, ByteSpan{});
      }
      insert(t);
      return;
    case Tag::kA:
    case Tag::kNobr:
      // A second <a> closes the first (the spec runs the adoption agency; this is its usual result).
      if (in_scope(t.tag, Scope::kDefault)) pop_until(t.tag, ByteSpan{});
      insert(t);
      return;
    case Tag::kTable:
      if (!d_.quirks_) close_p();
      // A table straight inside a table (not in a cell) closes the outer one.
      for (std::size_t k = open_.size(); k-- > search_floor();) {
        Tag o = tag(open_[k]);
        if (o == Tag::kTd || o == Tag::kTh || o == Tag::kCaption || o == Tag::kHtml || o == Tag::kTemplate) break;
        if (o == Tag::kTable) {
          pop_until(Tag::kTable, ByteSpan{});
          break;
        }
      }
      insert(t);
      return;
    case Tag::kCaption: case Tag::kCol: case Tag::kColgroup: case Tag::kTbody: case Tag::kTd:
    case Tag::kTfoot: case Tag::kTh: case Tag::kThead: case Tag::kTr:
      if (in_scope(Tag::kTable, Scope::kTable)) table_start(t);
      return;  // outside a table: ignored
    case Tag::kHr:
      close_p();
      insert(t);
      return;
    case Tag::kOption:
    case Tag::kOptgroup:
      if (!open_.empty() && tag(open_.back()) == Tag::kOption) pop();
      insert(t);
      return;
    case Tag::kRb: case Tag::kRtc: case Tag::kRp: case Tag::kRt:
      if (in_scope(Tag::kRuby, Scope::kDefault)) generate_implied_end_tags(t.tag == Tag::kRp || t.tag == Tag::kRt ? Tag::kRtc : Tag::kOther);
      insert(t);
      return;
    default:
      if (flags & kClosesP) close_p();
      insert(t);
      return;
  }
}

// A table-part start tag while a table is open (the "in table", "in table body", "in row" and
// "in cell" insertion modes folded into stack inspection).
void TreeBuilder::table_start(TagToken& t) {
  auto clear_to = [&](auto stop) {
    while (!open_.empty() && !stop(tag(open_.back()))) pop();
  };
  auto table_context = [](Tag o) { return o == Tag::kTable || o == Tag::kTemplate || o == Tag::kHtml; };
  auto body_context = [](Tag o) {
    return o == Tag::kTbody || o == Tag::kThead || o == Tag::kTfoot || o == Tag::kTable || o == Tag::kTemplate ||
           o == Tag::kHtml;
  };
  switch (t.tag) {
    case Tag::kCaption:
    case Tag::kColgroup:
    case Tag::kCol:
    case Tag::kTbody:
    case Tag::kThead:
    case Tag::kTfoot:
      clear_to(table_context);
      insert(t);
      return;
    case Tag::kTr:
      clear_to(body_context);
      if (!open_.empty() && tag(open_.back()) == Tag::kTable) implied(Tag::kTbody);
      insert(t);
      return;
    case Tag::kTd:
    case Tag::kTh: {
      // Close an open cell of this table, then make sure a row is open.
      for (std::size_t k = open_.size(); k-- > search_floor();) {
        Tag o = tag(open_[k]);
        if (o == Tag::kTd || o == Tag::kTh) {
          while (open_.size() > k) pop();
          break;
        }
        if (table_context(o)) break;
      }
      bool in_row = false;
      for (std::size_t k = open_.size(); k-- > search_floor();) {
        Tag o = tag(open_[k]);
        if (o == Tag::kTr) {
          in_row = true;
          while (open_.size() > k + 1) pop();
          break;
        }
        if (body_context(o)) break;
      }
      if (!in_row) {
        clear_to(body_context);
        if (!open_.empty() && tag(open_.back()) == Tag::kTable) implied(Tag::kTbody);
        implied(Tag::kTr);
      }
      insert(t);
      return;
    }
    default:
      return;
  }
}

void TreeBuilder::end_tag(const TagToken& t) {
  Tag tg = t.tag == Tag::kImage ? Tag::kImg : t.tag;
  // The end of the current element (raw text, head content) whatever the mode.
  if (!open_.empty()) {
    const Node& cur = node(open_.back());
    if (cur.name == t.name && tg != Tag::kBody && tg != Tag::kHtml && tg != Tag::kP && tg != Tag::kHead) {
      d_.nodes_[open_.back()].end_tag = t.span;
      if (cur.tag == Tag::kNoscript && mode_ == Mode::kInHeadNoscript) mode_ = Mode::kInHead;
      if (open_.back() == form_) form_ = kNoNode;
      pop();
      return;
    }
  }
  switch (mode_) {
    case Mode::kInitial:
    case Mode::kBeforeHead:
      return;
    case Mode::kInHead:
    case Mode::kInHeadNoscript:
      if (tg == Tag::kHead && d_.head_ != kNoNode) {
        while (!open_.empty() && open_.back() != d_.html_) pop();
        d_.nodes_[d_.head_].end_tag = t.span;
        mode_ = Mode::kAfterHead;
      }
      return;
    case Mode::kAfterHead:
      return;
    case Mode::kInBody:
      end_in_body(t);
      return;
  }
}

void TreeBuilder::end_in_body(const TagToken& t) {
  if (foreign_content()) {
    for (std::size_t k = open_.size(); k-- > search_floor();) {
      const Node& n = node(open_[k]);
      if (!n.foreign) break;
      if (n.name == t.name) {
        d_.nodes_[open_[k]].end_tag = t.span;
        while (open_.size() > k) pop();
        return;
      }
    }
  }
  Tag tg = t.tag;
  std::uint16_t flags = tag_flags(tg);
  switch (tg) {
    case Tag::kBody:
    case Tag::kHtml: {
      // Content after </body> still goes into the body (HTML5); only the position is kept.
      NodeId target = tg == Tag::kBody ? d_.body_ : d_.html_;
      if (target != kNoNode && d_.nodes_[target].end_tag.size() == 0) d_.nodes_[target].end_tag = t.span;
      return;
    }
    case Tag::kP:
      if (!in_scope(Tag::kP, Scope::kButton)) {
        TagToken p;
        p.tag = Tag::kP;
        p.name = "p";
        NodeId id = element(p, current());  // a stray </p> is an empty paragraph
        d_.nodes_[id].end_tag = t.span;
        return;
      }
      generate_implied_end_tags(Tag::kP);
      pop_until(Tag::kP, t.span);
      return;
    case Tag::kBr: {
      TagToken br = t;
      br.attr_count = 0;
      element(br, current());
      return;
    }
    case Tag::kLi:
    case Tag::kDd:
    case Tag::kDt:
      if (!in_scope(tg, tg == Tag::kLi ? Scope::kListItem : Scope::kDefault)) return;
      generate_implied_end_tags(tg);
      pop_until(tg, t.span);
      return;
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6: {
      bool open = false;
      for (Tag h : {Tag::kH1, Tag::kH2, Tag::kH3, Tag::kH4, Tag::kH5, Tag::kH6}) open = open || in_scope(h, Scope::kDefault);
      if (!open) return;
      generate_implied_end_tags(Tag::kOther);
      pop_until_heading(t.span);
      return;
    }
    case Tag::kForm: {
      NodeId form = form_;
      form_ = kNoNode;
      if (form == kNoNode || !in_scope(Tag::kForm, Scope::kDefault)) return;
      generate_implied_end_tags(Tag::kOther);
      pop_until(Tag::kForm, t.span);
      return;
    }
    case Tag::kTable: case Tag::kTbody: case Tag::kTfoot: case Tag::kThead: case Tag::kTr: case Tag::kTd:
    case Tag::kTh: case Tag::kCaption: case Tag::kColgroup:
      if (!in_scope(tg, Scope::kTable)) return;
      if (tg != Tag::kTable) {
        // Only within the innermost table.
        for (std::size_t k = open_.size(); k-- > search_floor();) {
          Tag o = tag(open_[k]);
          if (o == tg) break;
          if (o == Tag::kTable) return;
        }
      }
      pop_until(tg, t.span);
      return;
    default:
      break;
  }
  if (flags & kFormatting) {
    if (open_count_[static_cast<std::size_t>(tg)] == 0) return;
    // The nearest open element of that name within scope. Without the adoption agency: when it
    // is the current node it closes; when blocks were opened inside it, it is only taken off the
    // stack, so the blocks (and their text) stay where they are.
    for (std::size_t k = open_.size(); k-- > search_floor();) {
      const Node& n = node(open_[k]);
      if (n.tag == tg && !n.foreign) {
        d_.nodes_[open_[k]].end_tag = t.span;
        bool crosses_special = false;
        for (std::size_t j = k + 1; j < open_.size(); ++j) crosses_special = crosses_special || (tag_flags(tag(open_[j])) & kSpecial);
        if (crosses_special) {
          --open_count_[static_cast<std::size_t>(tg)];
          open_.erase(open_.begin() + static_cast<std::ptrdiff_t>(k));
        } else {
          while (open_.size() > k) pop();
        }
        return;
      }
      if (tag_flags(n.tag) & kScope) return;
    }
    return;
  }
  if (flags & kSpecial) {
    // Block end tags (div, section, ul...): close it if it is in scope.
    if (!in_scope(tg, Scope::kDefault)) return;
    generate_implied_end_tags(tg);
    pop_until(tg, t.span);
    return;
  }
  // Any other end tag: the nearest open element of that name, unless a special element is nearer.
  for (std::size_t k = open_.size(); k-- > search_floor();) {
    const Node& n = node(open_[k]);
    if (n.name == t.name) {
      d_.nodes_[open_[k]].end_tag = t.span;
      while (open_.size() > k) pop();
      return;
    }
    if (tag_flags(n.tag) & kSpecial) return;
  }
}

}  // namespace precis::ingest::html
