// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/serialize.h"

#include <algorithm>
#include <cstddef>

#include "cleaner/text.h"

namespace cleaner {
namespace {

bool BreaksLine(Tag t) {
  switch (t) {
    case Tag::kTd: case Tag::kTh:
      return false;  // cells join their row
    default:
      return IsBlock(t);
  }
}

class Writer {
 public:
  explicit Writer(std::vector<Line>* lines) : lines_(lines) {}

  void Text(std::string_view s, bool in_pre, bool in_link) {
    size_t before = current_.size();
    if (!in_pre) {
      AppendCollapsed(s, &current_, &pending_space_);
    } else {
      // Preformatted text keeps its lines (each becomes a line of output) and the spaces inside them; only the
      // ends of a line are trimmed, as for every line.
      size_t start = 0;
      while (start <= s.size()) {
        size_t nl = s.find('\n', start);
        std::string_view piece = s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (pending_space_ && !current_.empty()) current_.push_back(' ');
        pending_space_ = false;
        for (char c : piece) current_.push_back(c == '\t' || c == '\r' || c == '\f' || c == '\v' ? ' ' : c);
        if (nl == std::string_view::npos) break;
        Break(Tag::kPre);
        start = nl + 1;
      }
    }
    if (in_link) link_ += static_cast<float>(current_.size() - before);
  }

  void Space() { pending_space_ = true; }

  void Break(Tag block) {
    std::string_view t = Trim(current_);
    if (!t.empty()) {
      Line line;
      line.text = std::string(t);
      line.block = block_ == Tag::kOther ? block : block_;
      line.link_chars = link_;
      lines_->push_back(std::move(line));
    }
    current_.clear();
    pending_space_ = false;
    link_ = 0;
    block_ = Tag::kOther;
  }

  // The innermost block element that the current line belongs to.
  void SetBlock(Tag t) {
    if (block_ == Tag::kOther) block_ = t;
  }

 private:
  std::vector<Line>* lines_;
  std::string current_;
  bool pending_space_ = false;
  float link_ = 0;
  Tag block_ = Tag::kOther;
};

}  // namespace

std::vector<Line> Serialize(const Dom& dom, const std::vector<uint8_t>& removed, const std::vector<uint32_t>& roots) {
  std::vector<Line> lines;
  Writer w(&lines);
  struct Frame {
    uint32_t node;
    bool exit;
  };
  std::vector<Frame> stack;
  // Per open element: is it <pre>, is it a link. Depths are bounded by the pre-scan's depth cap.
  std::vector<uint32_t> open_pre, open_link;
  for (uint32_t root : roots) {
    stack.push_back({root, false});
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      const Node& node = dom.node(f.node);
      if (f.exit) {
        if (node.tag == Tag::kPre) open_pre.pop_back();
        if (node.tag == Tag::kA) open_link.pop_back();
        if (BreaksLine(node.tag)) {
          w.Break(node.tag);
        } else if (node.tag == Tag::kTd || node.tag == Tag::kTh) {
          w.Space();
        }
        continue;
      }
      if (removed[f.node]) {
        // A removed block still ends the line before it: text on either side of a removed ad <div> is two lines on
        // the page, not one.
        if (node.is_element() && BreaksLine(node.tag)) w.Break(Tag::kP);
        continue;
      }
      if (node.is_text()) {
        w.Text(dom.text(f.node), !open_pre.empty(), !open_link.empty());
        continue;
      }
      const Tag t = node.tag;
      if (t == Tag::kBr || t == Tag::kHr) {
        w.Break(Tag::kP);
        continue;
      }
      if (t == Tag::kImg || t == Tag::kWbr) continue;
      if (BreaksLine(t)) w.Break(Tag::kP);
      if (t == Tag::kTd || t == Tag::kTh) w.Space();
      if (t == Tag::kP || IsHeading(t) || t == Tag::kLi || t == Tag::kTr || t == Tag::kPre || t == Tag::kDt ||
          t == Tag::kDd || t == Tag::kBlockquote || t == Tag::kFigcaption || t == Tag::kCaption) {
        w.SetBlock(t);
      }
      if (t == Tag::kPre) open_pre.push_back(f.node);
      if (t == Tag::kA) open_link.push_back(f.node);
      stack.push_back({f.node, true});
      // Children in reverse so that they pop in document order.
      const size_t mark = stack.size();
      for (uint32_t c = node.first_child; c != kNoNode; c = dom.node(c).next_sibling) stack.push_back({c, false});
      std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
    }
    w.Break(Tag::kP);
  }
  return lines;
}

}  // namespace cleaner
