// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 2, parse: the document tree every later stage works on.
//
// Gumbo is unmaintained upstream, so it stays behind this one file: dom.cc is the only source that includes
// gumbo.h. It parses, copies the tree into a compact array (`Dom`) and frees Gumbo's tree at once. Later stages
// address nodes by index, keep per-pass state in side arrays (so a fallback pass needs no re-parse), and walk the
// tree iteratively: pages nest deeply.

#ifndef CLEANER_DOM_H_
#define CLEANER_DOM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleaner/status.h"

namespace cleaner {

// The elements cleaner treats specially; everything else is kOther.
enum class Tag : uint8_t {
  kOther, kHtml, kHead, kBody, kTitle, kMeta, kLink, kBase, kScript, kStyle, kNoscript, kTemplate, kSvg, kMath,
  kIframe, kObject, kEmbed, kCanvas, kVideo, kAudio, kMap, kForm, kInput, kButton, kSelect, kOption, kTextarea,
  kLabel, kFieldset, kNav, kHeader, kFooter, kAside, kMain, kArticle, kSection, kDiv, kSpan, kP, kBr, kHr, kH1,
  kH2, kH3, kH4, kH5, kH6, kUl, kOl, kLi, kDl, kDt, kDd, kTable, kCaption, kThead, kTbody, kTfoot, kTr, kTd, kTh,
  kBlockquote, kPre, kCode, kA, kImg, kPicture, kFigure, kFigcaption, kB, kStrong, kEm, kI, kU, kSmall, kSub, kSup,
  kFont, kCenter, kAddress, kTime, kDetails, kSummary, kDialog, kMenu, kCite, kQ, kAbbr, kMark, kDel, kIns, kS,
  kWbr, kFrame, kFrameset,
};

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct Node {
  enum Kind : uint8_t { kElement, kText };
  Kind kind = kElement;
  Tag tag = Tag::kOther;
  uint32_t parent = kNoNode;
  uint32_t first_child = kNoNode;
  uint32_t next_sibling = kNoNode;
  uint32_t last_child = kNoNode;
  // Text nodes: their text; elements: their attributes, both as ranges of Dom's arrays.
  uint32_t begin = 0;
  uint32_t size = 0;

  bool is_element() const { return kind == kElement; }
  bool is_text() const { return kind == kText; }
};

struct Attribute {
  uint32_t name_begin, name_size, value_begin, value_size;
};

class Dom {
 public:
  // Parses `html`, which must be valid UTF-8 (the decode stage guarantees it).
  static Result<Dom> Parse(std::string_view html);

  size_t size() const { return nodes_.size(); }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  uint32_t root() const { return 0; }  // the <html> element
  uint32_t body() const { return body_; }
  uint32_t head() const { return head_; }

  std::string_view text(uint32_t i) const {
    const Node& n = nodes_[i];
    return std::string_view(chars_).substr(n.begin, n.size);
  }
  // Value of attribute `name` (lower-case) of element `i`; empty if absent.
  std::string_view attr(uint32_t i, std::string_view name) const;
  bool has_attr(uint32_t i, std::string_view name) const;
  // Calls f(name, value) for every attribute of element `i`.
  template <typename F>
  void ForEachAttr(uint32_t i, F&& f) const {
    const Node& n = nodes_[i];
    for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
      const Attribute& a = attrs_[k];
      f(std::string_view(chars_).substr(a.name_begin, a.name_size),
        std::string_view(chars_).substr(a.value_begin, a.value_size));
    }
  }
  // True if `a` is `d` or an ancestor of `d`. O(1).
  bool Contains(uint32_t a, uint32_t d) const;
  // One past the last node of `i`'s subtree (see SubtreeEnd). O(1): computed once by Parse, since a chain
  // of only children 400 deep made every walk up to the next sibling cost 400 steps.
  uint32_t subtree_end(uint32_t i) const { return subtree_end_[i]; }

 private:
  friend class DomBuilder;
  std::vector<Node> nodes_;
  std::vector<uint32_t> subtree_end_;  // per node, one past its subtree's last node
  std::vector<Attribute> attrs_;
  std::string chars_;
  uint32_t body_ = kNoNode;
  uint32_t head_ = kNoNode;
};

// The text of node `i` and its descendants, whitespace collapsed, blocks separated by a space. With `max_bytes`,
// reading stops once the text is longer than that: enough to tell its length up to the limit (the end may be cut
// inside a character, so such a text is for measuring, not for printing).
std::string InnerText(const Dom& dom, uint32_t i, size_t max_bytes = static_cast<size_t>(-1));

// One past the last node of `root`'s subtree: nodes are stored in document order, so a subtree is the range
// [root, SubtreeEnd(dom, root)). O(1).
uint32_t SubtreeEnd(const Dom& dom, uint32_t root);

bool IsHeading(Tag t);
// Elements that start a new line of output (block-level in the HTML rendering sense).
bool IsBlock(Tag t);
// True if an inline `style` hides its element: display:none or visibility:hidden, in any case and spacing.
bool IsHiddenByStyle(std::string_view style);

// True if <table> element `table` holds data rather than layout (Readability's rule). In document order, a caption,
// header cell or header/footer row group makes it data and a nested table makes it layout, whichever comes first;
// with neither, it is data when large (10 rows, 5 columns or more than 10 cells). Nodes marked in `removed` are
// not counted. `marked`, if given, is set when the markup says so (caption,
// header cells or row groups) rather than the size.
bool IsDataTable(const Dom& dom, uint32_t table, const std::vector<uint8_t>& removed, bool* marked = nullptr);

}  // namespace cleaner

#endif  // CLEANER_DOM_H_
