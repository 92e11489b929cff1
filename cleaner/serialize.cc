// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/serialize.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <unordered_map>

#include "cleaner/text.h"

namespace cleaner {
namespace {

// Images smaller than this (by their width or height attribute) are icons, spacers or tracking pixels.
constexpr long kMinImageSide = 50;
// Bounds on inline markup, so that hostile nesting cannot multiply memory: a line keeps at most kMaxSpansPerLine
// spans; a link cut by line breaks goes on for at most kMaxLinkLines lines; a longer href than kMaxHref is no
// link (the parse stage cuts attribute values at 4096 bytes, so such a value may be cut).
constexpr size_t kMaxSpansPerLine = 256;
constexpr int kMaxLinkLines = 8;
constexpr size_t kMaxHref = 2048;

bool BreaksLine(Tag t) {
  switch (t) {
    case Tag::kTd: case Tag::kTh:
      return false;  // cells join their row
    default:
      return IsBlock(t);
  }
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The scheme of `ref` ("https", "javascript"), or empty if it has none (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" /
// "-" / "." ) ":").
std::string_view SchemeOf(std::string_view ref) {
  if (ref.empty() || !IsAsciiAlpha(ref[0])) return {};
  for (size_t i = 1; i < ref.size(); ++i) {
    const char c = ref[i];
    if (c == ':') return ref.substr(0, i);
    if (!IsAsciiAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

bool EqualsAsciiNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  }
  return true;
}

// RFC 3986 section 5.2.4.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  const bool absolute = !path.empty() && path[0] == '/';
  if (absolute) i = 1;
  bool trailing_slash = false;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    std::string_view seg = path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    const bool last = slash == std::string_view::npos;
    if (seg == ".") {
      trailing_slash = last;
    } else if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(seg);
      trailing_slash = false;
    }
    if (last) break;
    i = slash + 1;
  }
  std::string r = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k > 0) r += '/';
    r += out[k];
  }
  if (trailing_slash && (r.empty() || r.back() != '/')) r += '/';
  return r;
}

// The text of an element's attribute with surrounding whitespace removed.
std::string_view AttrTrimmed(const Dom& dom, uint32_t i, std::string_view name) { return Trim(dom.attr(i, name)); }

// An image's address: src, else the attributes lazy loaders keep it in. Empty for inline data and for images
// whose declared width or height says they are icons or pixels.
std::string_view ImageSource(const Dom& dom, uint32_t img) {
  for (std::string_view name : {"width", "height"}) {
    std::string_view v = AttrTrimmed(dom, img, name);
    if (!v.empty() && v[0] >= '0' && v[0] <= '9' && std::strtol(std::string(v).c_str(), nullptr, 10) < kMinImageSide)
      return {};
  }
  for (std::string_view name : {"src", "data-src", "data-lazy-src", "data-original", "srcset"}) {
    std::string_view v = AttrTrimmed(dom, img, name);
    if (name == "srcset") {
      // Its first candidate's URL: up to white space, without trailing commas (HTML's srcset parsing; URLs such as
      // Cloudinary's "w_300,c_fill" hold commas).
      v = v.substr(0, std::min(v.find_first_of(" \t\n\r\f"), v.size()));
      while (!v.empty() && v.back() == ',') v.remove_suffix(1);
    }
    if (v.empty()) continue;
    if (EqualsAsciiNoCase(SchemeOf(v), "data")) continue;  // a placeholder of a lazy loader, or an inline icon
    return v;
  }
  return {};
}

// The indentation of a preformatted line: its leading white space with tabs kept, no-break spaces (which code
// highlighters indent with) made spaces; at most kMaxIndent bytes.
constexpr size_t kMaxIndent = 256;
std::string Indent(std::string_view lead) {
  std::string out;
  for (size_t i = 0; i < lead.size() && out.size() < kMaxIndent; ++i) {
    if (lead[i] == '\t' || lead[i] == ' ') {
      out.push_back(lead[i]);
    } else if (lead[i] == '\xC2' && i + 1 < lead.size() && lead[i + 1] == '\xA0') {
      out.push_back(' ');
      ++i;
    }
  }
  return out;
}

// True if a span [begin, end) would cross one of `spans` other than `skip1` and `skip2`: overlap it without
// either holding the other.
bool Crosses(const std::vector<Span>& spans, size_t begin, size_t end, size_t skip1, size_t skip2) {
  for (size_t k = 0; k < spans.size(); ++k) {
    if (k == skip1 || k == skip2) continue;
    const Span& o = spans[k];
    const bool overlap = o.begin < end && begin < o.end;
    const bool nested = (o.begin <= begin && end <= o.end) || (begin <= o.begin && o.end <= end);
    if (overlap && !nested) return true;
  }
  return false;
}

struct OpenSpan {
  Span::Kind kind;
  size_t begin;
  std::string href;
  int lines = 0;  // line breaks it has gone on over
};

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
        // Tabs stay until the line ends: those before the text are its indentation (Line::indent).
        for (char c : piece) current_.push_back(c == '\r' || c == '\f' || c == '\v' ? ' ' : c);
        pre_text_ = true;
        if (nl == std::string_view::npos) break;
        Break(Tag::kPre);
        before = 0;
        start = nl + 1;
      }
    }
    if (in_link) link_ += static_cast<float>(current_.size() - before);
  }

  void Space() { pending_space_ = true; }

  // A table cell starts: its text begins after the separating space.
  void Cell(bool header) {
    pending_space_ = true;
    cells_.push_back(current_.size());
    all_header_cells_ = all_header_cells_ && header;
  }

  // Opens a span unless one of the same kind is open already (<b><b>x</b></b> is one strong span). Returns
  // whether it did; only then does CloseInline close it.
  bool OpenInline(Span::Kind kind, std::string href) {
    for (const OpenSpan& o : open_)
      if (o.kind == kind) return false;
    open_.push_back({kind, current_.size(), std::move(href)});
    return true;
  }

  void CloseInline() {
    if (open_.empty()) return;
    AddSpan(open_.back(), current_.size());
    open_.pop_back();
  }

  // An image of the article: it follows the line it stands in, so that the lines of text stay as they are.
  void Image(std::string_view alt, std::string src) {
    Line line;
    bool pending = false;
    AppendCollapsed(alt, &line.text, &pending);
    line.text = std::string(Trim(line.text));
    line.block = Tag::kImg;
    line.src = std::move(src);
    images_.push_back(std::move(line));
  }

  // Ends the current line. `soft`: at a <br>, which ends a line but not the element it is in.
  void Break(Tag block, bool soft = false) {
    // Inline elements still open are cut at the line's end and go on at the start of the next line.
    for (size_t k = open_.size(); k-- > 0;) {
      AddSpan(open_[k], current_.size());
      open_[k].begin = 0;
      if (open_[k].kind == Span::Kind::kLink && ++open_[k].lines > kMaxLinkLines) open_[k].begin = kNoSpan;
    }
    std::string_view t = Trim(current_);
    const bool had_text = !t.empty();
    if (!t.empty() && lines_->size() >= kMaxLines) {
      // Over the cap (kMaxLines): the text joins the last line of text.
      Line& last = MergeTarget();
      if (!last.text.empty()) last.text += ' ';
      last.text += t;
      last.link_chars += link_;
    } else if (!t.empty()) {
      Line line;
      line.text = std::string(t);
      line.block = block_ == Tag::kOther ? block : block_;
      // A paragraph in a list item or a quote (WordPress writes quotes as <blockquote><p>) is a line of that item
      // or quote. A <div> there stays what it was: it is as often a label ("Good Morning America" under each
      // video of a list) as text, and the line filter treats the two apart.
      if (container_ != Tag::kOther && line.block == Tag::kP) line.block = container_;
      // A line of <pre> text is preformatted also when a block inside the <pre> (a highlighter's <div> per line)
      // ends it. Its tabs, kept until now for its indentation, are spaces in the text.
      if (pre_text_) {
        line.block = Tag::kPre;
        for (char& c : line.text)
          if (c == '\t') c = ' ';
        line.indent = Indent(std::string_view(current_).substr(0, static_cast<size_t>(t.data() - current_.data())));
      }
      line.link_chars = link_;
      line.after_break = after_soft_break_ && !lines_->empty() && !lines_->back().is_image();
      if (!spans_.empty()) line.spans = TakeSpans(static_cast<size_t>(t.data() - current_.data()), t.size());
      if (line.block == Tag::kTr && !cells_.empty()) {
        const size_t lead = static_cast<size_t>(t.data() - current_.data());
        for (size_t c : cells_) line.cells.push_back(c > lead ? std::min(c - lead, t.size()) : 0);
        line.header = all_header_cells_;
      }
      lines_->push_back(std::move(line));
    }
    for (Line& image : images_)
      if (lines_->size() < kMaxLines) lines_->push_back(std::move(image));
    images_.clear();
    spans_.clear();
    cells_.clear();
    all_header_cells_ = true;
    current_.clear();
    pending_space_ = false;
    pre_text_ = false;
    link_ = 0;
    block_ = Tag::kOther;
    // Only a <br> and empty lines (<br><br>) since the last line of text keep the next line in its element.
    after_soft_break_ = soft && (had_text || after_soft_break_);
  }

  // The innermost block element that the current line belongs to.
  void SetBlock(Tag t) {
    if (block_ == Tag::kOther) block_ = t;
  }

  // The innermost open list item (<li>, <dt>, <dd>) or <blockquote>, kOther if none: the kind of the
  // paragraphs in it.
  void SetContainer(Tag t) { container_ = t; }

 private:
  static constexpr size_t kNoSpan = static_cast<size_t>(-1);  // an open span that records nothing more

  // The line that text over kMaxLines joins: the last line of text, found once (or a new one after kMaxLines
  // images). Lines are not taken away once the cap is reached: a line-number gutter (IsLineNumberGutter) holds no
  // joined line, whose text has spaces.
  Line& MergeTarget() {
    if (merge_target_ >= lines_->size()) {
      merge_target_ = lines_->size();
      while (merge_target_ > 0 && (*lines_)[merge_target_ - 1].is_image()) --merge_target_;
      if (merge_target_ == 0) {
        merge_target_ = lines_->size();
        lines_->emplace_back();
      } else {
        --merge_target_;
      }
    }
    return (*lines_)[merge_target_];
  }

  void AddSpan(const OpenSpan& open, size_t end) {
    if (open.begin == kNoSpan || spans_.size() >= kMaxSpansPerLine) return;
    size_t begin = open.begin;
    while (begin < end && current_[begin] == ' ') ++begin;
    while (end > begin && current_[end - 1] == ' ') --end;
    if (begin == end) return;
    Span s;
    s.kind = open.kind;
    s.begin = begin;
    s.end = end;
    s.href = open.href;
    spans_.push_back(std::move(s));
  }

  // The spans of the current line, shifted to the trimmed text [lead, lead + size), outer before inner.
  std::vector<Span> TakeSpans(size_t lead, size_t size) {
    std::vector<Span> out;
    // Spans were added as they closed: inner ones first. Reversed, a stable sort by start (and longer first)
    // puts an outer span before the inner ones it holds, also when both cover the same bytes.
    std::reverse(spans_.begin(), spans_.end());
    std::stable_sort(spans_.begin(), spans_.end(), [](const Span& a, const Span& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    for (Span& s : spans_) {
      const size_t b = s.begin > lead ? std::min(s.begin - lead, size) : 0;
      const size_t e = s.end > lead ? std::min(s.end - lead, size) : 0;
      if (b >= e) continue;
      s.begin = b;
      s.end = e;
      out.push_back(std::move(s));
    }
    // Two spans of one kind that touch (<b>a</b><b>b</b>) are one: Markdown cannot write "**a****b**". Not when
    // the joined span would cross another (<i>x<b>a</b></i><b>b</b>): spans nest (result.h). A line has at most
    // kMaxSpansPerLine spans, which bounds the checks.
    bool joined = false;
    for (size_t i = 0; i < out.size(); ++i) {
      for (size_t j = i + 1; j < out.size() && out[j].begin <= out[i].end;) {
        if (out[j].begin == out[i].end && out[j].kind == out[i].kind && out[j].href == out[i].href &&
            !Crosses(out, out[i].begin, out[j].end, i, j)) {
          out[i].end = out[j].end;
          out.erase(out.begin() + static_cast<std::ptrdiff_t>(j));
          joined = true;
        } else {
          ++j;
        }
      }
    }
    // A joined span may now hold spans that started with it and came first (<i><b>a</b></i><b>b</b>: the
    // <i> inside the joined <b>); sort again so that outer spans come first.
    if (joined) {
      std::stable_sort(out.begin(), out.end(), [](const Span& a, const Span& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
      });
    }
    return out;
  }

  std::vector<Line>* lines_;
  std::string current_;
  bool pending_space_ = false;
  bool pre_text_ = false;  // the current line holds text from inside a <pre>
  bool after_soft_break_ = false;  // the last line of text ended at a <br>, and no block boundary came since
  float link_ = 0;
  Tag block_ = Tag::kOther;
  Tag container_ = Tag::kOther;
  std::vector<OpenSpan> open_;  // inline elements open at this point, outermost first
  std::vector<Span> spans_;     // of the current line, in the order they closed
  std::vector<size_t> cells_;   // of the current line
  bool all_header_cells_ = true;
  std::vector<Line> images_;    // waiting for the current line to end
  size_t merge_target_ = static_cast<size_t>(-1);  // see MergeTarget
};

// The kind of span an element makes, if the options ask for it.
bool InlineKind(Tag t, const SerializeOptions& o, bool in_pre, Span::Kind* kind) {
  if (!o.formatting) return false;
  switch (t) {
    case Tag::kEm: case Tag::kI: *kind = Span::Kind::kEmphasis; return true;
    case Tag::kStrong: case Tag::kB: *kind = Span::Kind::kStrong; return true;
    case Tag::kCode: if (in_pre) return false; *kind = Span::Kind::kCode; return true;
    default: return false;
  }
}

// `ref` as the WHATWG URL parser reads it: without leading and trailing C0 controls and spaces, and without ASCII
// tabs and newlines anywhere ("\x01javascript:" and "java\tscript:" are "javascript:" to a browser). Empty if a
// control character is left inside: no link worth printing has one.
std::string CleanHref(std::string_view ref) {
  while (!ref.empty() && static_cast<unsigned char>(ref.front()) <= 0x20) ref.remove_prefix(1);
  while (!ref.empty() && static_cast<unsigned char>(ref.back()) <= 0x20) ref.remove_suffix(1);
  std::string out;
  out.reserve(ref.size());
  for (char c : ref) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return {};
    out.push_back(c);
  }
  return out;
}

// `ref` resolved against `base` if it is safe to print as a link or image: relative, or http(s) (and mailto for
// links). Empty otherwise: javascript:, data:, vbscript: and the like never reach the output.
std::string SafeUrl(std::string_view ref, std::string_view base, bool allow_mailto) {
  const std::string clean = CleanHref(ref);
  if (clean.empty() || clean.size() > kMaxHref) return {};
  const std::string_view scheme = SchemeOf(clean);
  if (!scheme.empty() && !EqualsAsciiNoCase(scheme, "http") && !EqualsAsciiNoCase(scheme, "https") &&
      !(allow_mailto && EqualsAsciiNoCase(scheme, "mailto"))) {
    return {};
  }
  return ResolveUrl(clean, base);
}

// A link's target worth keeping: safe (SafeUrl), and not an anchor on the same page.
std::string LinkTarget(const Dom& dom, uint32_t a, std::string_view base) {
  std::string_view href = AttrTrimmed(dom, a, "href");
  if (href.empty() || href[0] == '#') return {};
  return SafeUrl(href, base, /*allow_mailto=*/true);
}

// Answers "does <pre> element `pre` sit in a table cell beside a cell that holds code?": the layout in which
// Chroma and Pygments put the line numbers in a <pre> of their own. The cell is the nearest <td> or <th> at most 8
// levels above the <pre>; the other cells of its row are looked at whole. Linear in the page over all the
// questions of one Serialize call, however many <pre>s a row holds: which subtrees hold a <pre> or <code> is
// computed once, on the first question, and each row's cells are looked at once (a page of 50 000 gutter-like
// <pre>s beside a cell of 400 000 elements rescanned that cell per <pre>: 30 s).
class CodeCells {
 public:
  explicit CodeCells(const Dom& dom) : dom_(dom) {}

  bool BesideCodeCell(uint32_t pre) {
    uint32_t cell = dom_.node(pre).parent;
    for (int up = 0; cell != kNoNode && up < 8; ++up, cell = dom_.node(cell).parent)
      if (IsCell(cell)) break;
    if (cell == kNoNode || !IsCell(cell)) return false;
    const uint32_t row = dom_.node(cell).parent;
    if (row == kNoNode) return false;
    auto [it, inserted] = rows_.try_emplace(row);
    if (inserted) {
      if (holds_code_.empty()) ComputeHoldsCode();
      for (uint32_t c = dom_.node(row).first_child; c != kNoNode; c = dom_.node(c).next_sibling) {
        if (!dom_.node(c).is_element() || !holds_code_[c]) continue;
        if (it->second.first == kNoNode) {
          it->second.first = c;
        } else {
          it->second.several = true;
          break;
        }
      }
    }
    return it->second.several || (it->second.first != kNoNode && it->second.first != cell);
  }

 private:
  struct Row {
    uint32_t first = kNoNode;  // the first cell of the row with a <pre> or <code> inside
    bool several = false;      // another cell has one too
  };

  bool IsCell(uint32_t i) const { return dom_.node(i).tag == Tag::kTd || dom_.node(i).tag == Tag::kTh; }

  // holds_code_[i]: a <pre> or <code> below node `i`. Nodes are in document order, so a parent comes before its
  // children and one pass from the end fills it.
  void ComputeHoldsCode() {
    holds_code_.assign(dom_.size(), 0);
    for (size_t i = dom_.size(); i-- > 1;) {
      const Node& n = dom_.node(static_cast<uint32_t>(i));
      if (n.parent != kNoNode && (holds_code_[i] || n.tag == Tag::kPre || n.tag == Tag::kCode))
        holds_code_[n.parent] = 1;
    }
  }

  const Dom& dom_;
  std::vector<uint8_t> holds_code_;  // empty until the first question
  std::unordered_map<uint32_t, Row> rows_;
};

// True if lines [first, end) are a highlighter's line numbers: two or more lines, each the number after the one
// before, from a <pre> beside a cell of code (CodeCells). Program output that counts ("1 2 3" in a <pre> of its
// own) stays.
bool IsLineNumberGutter(CodeCells& code_cells, uint32_t pre, const std::vector<Line>& lines, size_t first) {
  if (lines.size() < first + 2) return false;
  uint64_t previous = 0;
  for (size_t i = first; i < lines.size(); ++i) {
    const std::string& t = lines[i].text;
    if (lines[i].block != Tag::kPre || t.size() > 9) return false;
    uint64_t n = 0;
    for (char c : t) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + static_cast<uint64_t>(c - '0');
    }
    if (i > first && n != previous + 1) return false;
    previous = n;
  }
  return code_cells.BesideCodeCell(pre);
}

}  // namespace

std::string ResolveUrl(std::string_view ref, std::string_view base) {
  ref = Trim(ref);
  if (!SchemeOf(ref).empty()) return std::string(ref);
  const std::string_view scheme = SchemeOf(base);
  if (!EqualsAsciiNoCase(scheme, "http") && !EqualsAsciiNoCase(scheme, "https")) return std::string(ref);
  if (base.substr(scheme.size(), 3) != "://") return std::string(ref);
  // base = scheme "://" authority path [? query] [# fragment]
  const size_t authority_end = std::min(base.find_first_of("/?#", scheme.size() + 3), base.size());
  const std::string_view origin = base.substr(0, authority_end);
  const size_t fragment = std::min(base.find('#', authority_end), base.size());
  const size_t query = std::min(base.find('?', authority_end), fragment);
  std::string_view base_path = base.substr(authority_end, query - authority_end);
  if (base_path.empty()) base_path = "/";
  if (ref.substr(0, 2) == "//") return std::string(base.substr(0, scheme.size() + 1)) + std::string(ref);
  if (ref.empty()) return std::string(base.substr(0, fragment));
  if (ref[0] == '#') return std::string(base.substr(0, fragment)) + std::string(ref);
  if (ref[0] == '?') return std::string(origin) + std::string(base_path) + std::string(ref);
  const size_t ref_path_end = std::min(ref.find_first_of("?#"), ref.size());
  std::string_view ref_path = ref.substr(0, ref_path_end);
  std::string merged;
  if (!ref_path.empty() && ref_path[0] == '/') {
    merged = std::string(ref_path);
  } else {
    merged = std::string(base_path.substr(0, base_path.rfind('/') + 1));
    merged += ref_path;
  }
  return std::string(origin) + RemoveDotSegments(merged) + std::string(ref.substr(ref_path_end));
}


std::vector<Line> Serialize(const Dom& dom, const std::vector<uint8_t>& removed, const std::vector<uint32_t>& roots,
                            const SerializeOptions& options) {
  std::vector<Line> lines;
  Writer w(&lines);
  CodeCells code_cells(dom);
  struct Frame {
    uint32_t node;
    bool exit;
  };
  std::vector<Frame> stack;
  // Per open element: is it <pre>, is it a link, is it <thead>, did it open a span. Depths are bounded by the
  // pre-scan's depth cap.
  std::vector<uint32_t> open_pre, open_link, open_thead, open_span;
  // Open tables (and whether each holds data) and open cells: a <br> or a block in a data table's cell is a
  // space, so that the row stays one line with its cells in their columns (a line break there split the row, and
  // the cells after it moved one column left in Markdown and HTML). In a layout table a cell holds an article,
  // whose paragraphs and <br>s break lines.
  std::vector<std::pair<uint32_t, bool>> open_tables;
  std::vector<uint32_t> open_cells;
  // Open list items and quotes, innermost last (Writer::SetContainer).
  std::vector<std::pair<uint32_t, Tag>> open_items;
  auto is_item = [](Tag t) { return t == Tag::kLi || t == Tag::kDt || t == Tag::kDd || t == Tag::kBlockquote; };
  size_t pre_first_line = 0;  // the first line of the outermost open <pre>
  // Inside a cell of a data table, where blocks (<p>, <div>, <br>, lists) are spaces: the row stays one line.
  auto in_data_cell = [&] {
    return !open_cells.empty() && !open_tables.empty() && open_tables.back().second &&
           open_cells.back() > open_tables.back().first;
  };
  for (uint32_t root : roots) {
    stack.push_back({root, false});
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      const Node& node = dom.node(f.node);
      if (f.exit) {
        if (node.tag == Tag::kPre) open_pre.pop_back();
        if (!open_link.empty() && open_link.back() == f.node) open_link.pop_back();
        if (node.tag == Tag::kThead) open_thead.pop_back();
        if (!open_tables.empty() && open_tables.back().first == f.node) open_tables.pop_back();
        if (!open_cells.empty() && open_cells.back() == f.node) open_cells.pop_back();
        if (!open_span.empty() && open_span.back() == f.node) {
          open_span.pop_back();
          w.CloseInline();
        }
        if (BreaksLine(node.tag) && in_data_cell()) {
          w.Space();
        } else if (BreaksLine(node.tag)) {
          w.Break(node.tag);
        } else if (node.tag == Tag::kTd || node.tag == Tag::kTh) {
          w.Space();
        }
        if (!open_items.empty() && open_items.back().first == f.node) {
          open_items.pop_back();
          w.SetContainer(open_items.empty() ? Tag::kOther : open_items.back().second);
        }
        if (node.tag == Tag::kPre && open_pre.empty() && IsLineNumberGutter(code_cells, f.node, lines, pre_first_line))
          lines.resize(pre_first_line);
        continue;
      }
      if (removed[f.node]) {
        // A removed block still ends the line before it: text on either side of a removed ad <div> is two lines on
        // the page, not one. In a data table's cell it is a space, as any block there.
        if (node.is_element() && BreaksLine(node.tag)) {
          if (in_data_cell()) {
            w.Space();
          } else {
            w.Break(Tag::kP);
          }
        }
        continue;
      }
      if (node.is_text()) {
        w.Text(dom.text(f.node), !open_pre.empty(), !open_link.empty());
        continue;
      }
      const Tag t = node.tag;
      if ((t == Tag::kBr || t == Tag::kHr) && in_data_cell()) {
        w.Space();
        continue;
      }
      if (t == Tag::kBr || t == Tag::kHr) {
        w.Break(Tag::kP, /*soft=*/t == Tag::kBr);
        continue;
      }
      if (t == Tag::kImg) {
        if (options.images) {
          std::string src = SafeUrl(ImageSource(dom, f.node), options.base_url, /*allow_mailto=*/false);
          if (!src.empty()) w.Image(dom.attr(f.node, "alt"), std::move(src));
        }
        continue;
      }
      if (t == Tag::kWbr) continue;
      if (t == Tag::kTable && !options.tables && IsDataTable(dom, f.node, removed)) {
        w.Break(Tag::kP);  // as a removed block: the text before and after the table stays two lines
        continue;
      }
      if (BreaksLine(t) && t != Tag::kTable && in_data_cell()) {
        w.Space();
      } else if (BreaksLine(t)) {
        w.Break(Tag::kP);
      }
      if (is_item(t)) {
        open_items.emplace_back(f.node, t);
        w.SetContainer(t);
      }
      if (t == Tag::kTd || t == Tag::kTh) w.Cell(t == Tag::kTh || !open_thead.empty());
      if (t == Tag::kP || IsHeading(t) || t == Tag::kLi || t == Tag::kTr || t == Tag::kPre || t == Tag::kDt ||
          t == Tag::kDd || t == Tag::kBlockquote || t == Tag::kFigcaption || t == Tag::kCaption) {
        w.SetBlock(t);
      }
      if (t == Tag::kPre) {
        if (open_pre.empty()) pre_first_line = lines.size();
        open_pre.push_back(f.node);
      }
      if (t == Tag::kThead) open_thead.push_back(f.node);
      if (t == Tag::kTable) open_tables.emplace_back(f.node, IsDataTable(dom, f.node, removed));
      if (t == Tag::kTd || t == Tag::kTh) open_cells.push_back(f.node);
      if (t == Tag::kA) {
        // Link text is what an <a href> holds, as the selection's link densities count it: a named anchor
        // (<a name>, often left unclosed around a whole section) is no link.
        if (dom.has_attr(f.node, "href")) open_link.push_back(f.node);
        if (options.links) {
          std::string target = LinkTarget(dom, f.node, options.base_url);
          if (!target.empty() && w.OpenInline(Span::Kind::kLink, std::move(target))) open_span.push_back(f.node);
        }
      } else {
        Span::Kind kind;
        if (InlineKind(t, options, !open_pre.empty(), &kind) && w.OpenInline(kind, {})) open_span.push_back(f.node);
      }
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
