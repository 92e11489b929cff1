// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The only file that includes gumbo.h.

#include "cleaner/dom.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>

#include "cleaner/text.h"

namespace cleaner {
namespace {

struct TagName {
  const char* name;
  Tag tag;
};

constexpr TagName kTagNames[] = {
    {"html", Tag::kHtml}, {"head", Tag::kHead}, {"body", Tag::kBody}, {"title", Tag::kTitle},
    {"meta", Tag::kMeta}, {"link", Tag::kLink}, {"base", Tag::kBase}, {"script", Tag::kScript},
    {"style", Tag::kStyle}, {"noscript", Tag::kNoscript}, {"template", Tag::kTemplate}, {"svg", Tag::kSvg},
    {"math", Tag::kMath}, {"iframe", Tag::kIframe}, {"object", Tag::kObject}, {"embed", Tag::kEmbed},
    {"canvas", Tag::kCanvas}, {"video", Tag::kVideo}, {"audio", Tag::kAudio}, {"map", Tag::kMap},
    {"form", Tag::kForm}, {"input", Tag::kInput}, {"button", Tag::kButton}, {"select", Tag::kSelect},
    {"option", Tag::kOption}, {"textarea", Tag::kTextarea}, {"label", Tag::kLabel}, {"fieldset", Tag::kFieldset},
    {"nav", Tag::kNav}, {"header", Tag::kHeader}, {"footer", Tag::kFooter}, {"aside", Tag::kAside},
    {"main", Tag::kMain}, {"article", Tag::kArticle}, {"section", Tag::kSection}, {"div", Tag::kDiv},
    {"span", Tag::kSpan}, {"p", Tag::kP}, {"br", Tag::kBr}, {"hr", Tag::kHr}, {"h1", Tag::kH1}, {"h2", Tag::kH2},
    {"h3", Tag::kH3}, {"h4", Tag::kH4}, {"h5", Tag::kH5}, {"h6", Tag::kH6}, {"ul", Tag::kUl}, {"ol", Tag::kOl},
    {"li", Tag::kLi}, {"dl", Tag::kDl}, {"dt", Tag::kDt}, {"dd", Tag::kDd}, {"table", Tag::kTable},
    {"caption", Tag::kCaption}, {"thead", Tag::kThead}, {"tbody", Tag::kTbody}, {"tfoot", Tag::kTfoot},
    {"tr", Tag::kTr}, {"td", Tag::kTd}, {"th", Tag::kTh}, {"blockquote", Tag::kBlockquote}, {"pre", Tag::kPre},
    {"code", Tag::kCode}, {"a", Tag::kA}, {"img", Tag::kImg}, {"picture", Tag::kPicture},
    {"figure", Tag::kFigure}, {"figcaption", Tag::kFigcaption}, {"b", Tag::kB}, {"strong", Tag::kStrong},
    {"em", Tag::kEm}, {"i", Tag::kI}, {"u", Tag::kU}, {"small", Tag::kSmall}, {"sub", Tag::kSub},
    {"sup", Tag::kSup}, {"font", Tag::kFont}, {"center", Tag::kCenter}, {"address", Tag::kAddress},
    {"time", Tag::kTime}, {"details", Tag::kDetails}, {"summary", Tag::kSummary}, {"dialog", Tag::kDialog},
    {"menu", Tag::kMenu}, {"cite", Tag::kCite}, {"q", Tag::kQ}, {"abbr", Tag::kAbbr}, {"mark", Tag::kMark},
    {"del", Tag::kDel}, {"ins", Tag::kIns}, {"s", Tag::kS}, {"wbr", Tag::kWbr}, {"frame", Tag::kFrame},
    {"frameset", Tag::kFrameset},
};

using TagTable = std::array<Tag, GUMBO_TAG_LAST + 1>;

const TagTable& GumboTagTable() {
  static const TagTable table = [] {
    TagTable t;
    t.fill(Tag::kOther);
    for (int g = 0; g < GUMBO_TAG_UNKNOWN; ++g) {
      const char* name = gumbo_normalized_tagname(static_cast<GumboTag>(g));
      for (const TagName& tn : kTagNames) {
        if (std::strcmp(tn.name, name) == 0) t[g] = tn.tag;
      }
    }
    return t;
  }();
  return table;
}

// Only these attributes are copied out of Gumbo's tree: the rest (data-*, event handlers, ARIA labels) are never
// read, and copying them all costs time and memory on attribute-heavy pages.
// Attribute values are kept up to this many bytes.
constexpr size_t kMaxAttributeValue = 4096;

bool IsKeptAttribute(std::string_view name) {
  static constexpr std::string_view kKept[] = {
      "class", "id", "role", "style", "hidden", "aria-hidden", "href", "src", "alt", "title", "itemprop",
      "itemtype", "itemscope", "name", "content", "property", "lang", "type", "datetime", "rel", "http-equiv",
      "charset", "data-src", "srcset", "colspan", "aria-label", "pubdate", "xml:lang", "width", "height",
      "data-lazy-src", "data-original"};
  for (std::string_view k : kKept)
    if (k == name) return true;
  return false;
}

// Gumbo 0.10.1 as Debian builds it keeps its assertions, and some fail on hostile markup: 40 bytes such as
// "<table><math><td><mtext><select></table>" (close_current_cell) or "<table><math><select><mtext><select><tr>"
// (node_qualified_tag_is on an empty stack) abort the process. While this thread is inside Dom::Parse, a failed
// assertion jumps back to it instead (see __assert_fail below), and the page gets a kParseError. Gumbo is C and
// keeps all its memory in the page's Arena, so leaving its frames this way leaks nothing and skips no destructor.
// Memory running out inside Gumbo jumps back the same way (Arena::Allocate), and the page gets a kInternal.
struct AssertionJump {
  std::jmp_buf buffer;
  const char* expression = nullptr;
  const char* function = nullptr;
  bool out_of_memory = false;
};
thread_local AssertionJump* t_assertion_jump = nullptr;

// A bump allocator for Gumbo: frees are no-ops and the whole arena goes at once. Measured in ../shared/GUMBO.md as
// about 15% faster than malloc; it also means Gumbo's recursive gumbo_destroy_output (upstream issue #387, a stack
// overflow on deep trees) is never called. Gumbo uses what its allocator returns without checking it, so when
// memory runs out the arena jumps back to Dom::Parse (outside a parse, it aborts: a null pointer would crash
// anyway); Options::max_input_bytes and max_elements bound what a page can ask for.
class Arena {
 public:
  ~Arena() {
    for (void* b : blocks_) std::free(b);
  }
  void* Allocate(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > kBlockSize / 4) {  // large buffers get a block of their own
      void* p = std::malloc(n);
      if (p == nullptr || !Keep(p)) OutOfMemory();
      return p;
    }
    if (used_ + n > kBlockSize || current_ == nullptr) {
      char* block = static_cast<char*>(std::malloc(kBlockSize));
      if (block == nullptr || !Keep(block)) OutOfMemory();
      current_ = block;
      used_ = 0;
    }
    void* p = current_ + used_;
    used_ += n;
    return p;
  }

 private:
  // Records `p` for the destructor; false (and `p` freed) if even that fails. No exception may leave: Gumbo's C
  // frames are below.
  bool Keep(void* p) noexcept {
    try {
      blocks_.push_back(p);
      return true;
    } catch (...) {
      std::free(p);
      return false;
    }
  }

  [[noreturn]] static void OutOfMemory() noexcept {
    if (t_assertion_jump == nullptr) std::abort();
    t_assertion_jump->out_of_memory = true;
    std::longjmp(t_assertion_jump->buffer, 1);
  }

  static constexpr size_t kBlockSize = 256 * 1024;
  std::vector<void*> blocks_;
  char* current_ = nullptr;
  size_t used_ = 0;
};

void* ArenaAllocate(void* userdata, size_t n) { return static_cast<Arena*>(userdata)->Allocate(n); }
void ArenaFree(void*, void*) {}

}  // namespace
}  // namespace cleaner

// glibc's assert() reports a failure through __assert_fail; this definition takes precedence over libc's for every
// library the program loads, Gumbo included. Outside Dom::Parse it reports and aborts as glibc's does.
extern "C" [[noreturn]] void __assert_fail(const char* expression, const char* file, unsigned int line,
                                           const char* function) noexcept {
  if (cleaner::t_assertion_jump != nullptr) {
    cleaner::t_assertion_jump->expression = expression;
    cleaner::t_assertion_jump->function = function;
    std::longjmp(cleaner::t_assertion_jump->buffer, 1);
  }
  std::fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file, line, function, expression);
  std::abort();
}

namespace cleaner {

class DomBuilder {
 public:
  explicit DomBuilder(Dom* dom) : dom_(dom) {}

  uint32_t Append(Node node, uint32_t parent) {
    auto index = static_cast<uint32_t>(dom_->nodes_.size());
    node.parent = parent;
    dom_->nodes_.push_back(node);
    if (parent != kNoNode) {
      Node& p = dom_->nodes_[parent];
      if (p.last_child == kNoNode) {
        p.first_child = index;
      } else {
        dom_->nodes_[p.last_child].next_sibling = index;
      }
      p.last_child = index;
    }
    return index;
  }

  uint32_t AddChars(std::string_view s) {
    auto at = static_cast<uint32_t>(dom_->chars_.size());
    dom_->chars_.append(s);
    return at;
  }

  void Build(const GumboNode* html) {
    const TagTable& tags = GumboTagTable();
    struct Item {
      const GumboNode* node;
      uint32_t parent;
      bool in_pre;  // inside a <pre>, where white space is text
    };
    std::vector<Item> stack;
    stack.push_back({html, kNoNode, false});
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      const GumboNode* g = item.node;
      switch (g->type) {
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          const GumboElement& e = g->v.element;
          Node n;
          n.kind = Node::kElement;
          n.tag = e.tag_namespace == GUMBO_NAMESPACE_SVG ? Tag::kSvg
                  : e.tag_namespace == GUMBO_NAMESPACE_MATHML ? Tag::kMath
                                                                : tags[e.tag];
          n.begin = static_cast<uint32_t>(dom_->attrs_.size());
          for (unsigned k = 0; k < e.attributes.length; ++k) {
            const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
            std::string_view name(a->name);
            if (!IsKeptAttribute(name)) continue;
            std::string_view value(a->value);
            if (value.size() > kMaxAttributeValue) {
              // Bound hostile attribute values, cut at a character boundary so that the value stays UTF-8.
              size_t cut = kMaxAttributeValue;
              while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
              value = value.substr(0, cut);
            }
            Attribute attr;
            attr.name_size = static_cast<uint32_t>(name.size());
            attr.name_begin = AddChars(name);
            attr.value_size = static_cast<uint32_t>(value.size());
            attr.value_begin = AddChars(value);
            dom_->attrs_.push_back(attr);
          }
          n.size = static_cast<uint32_t>(dom_->attrs_.size()) - n.begin;
          uint32_t index = Append(n, item.parent);
          if (n.tag == Tag::kBody && dom_->body_ == kNoNode) dom_->body_ = index;
          if (n.tag == Tag::kHead && dom_->head_ == kNoNode) dom_->head_ = index;
          // Push children in reverse so they are appended in document order.
          const bool in_pre = item.in_pre || n.tag == Tag::kPre;
          for (unsigned k = e.children.length; k-- > 0;) {
            stack.push_back({static_cast<const GumboNode*>(e.children.data[k]), index, in_pre});
          }
          break;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE: {
          std::string_view text(g->v.text.text);
          // Layout white space only separates words; in a <pre> it is text (the line breaks and indentation
          // between a code highlighter's <span>s).
          if (g->type == GUMBO_NODE_WHITESPACE && !item.in_pre) text = " ";
          Node n;
          n.kind = Node::kText;
          n.begin = AddChars(text);
          n.size = static_cast<uint32_t>(text.size());
          Append(n, item.parent);
          break;
        }
        default:  // comments, the document node
          break;
      }
    }
  }

 private:
  Dom* dom_;
};

Result<Dom> Dom::Parse(std::string_view html) {
  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = ArenaAllocate;
  options.deallocator = ArenaFree;
  options.userdata = &arena;
  options.max_errors = 0;  // cleaner never reads parse errors; recording them costs time and memory
  GumboOutput* output = nullptr;
  {
    AssertionJump jump;
    t_assertion_jump = &jump;
    if (setjmp(jump.buffer) != 0) {
      t_assertion_jump = nullptr;
      if (jump.out_of_memory) return Status(StatusCode::kInternal, "memory ran out while parsing the page");
      return Status(StatusCode::kParseError, std::string("the HTML parser failed its own check (") +
                                                 (jump.function != nullptr ? jump.function : "?") + ": " +
                                                 (jump.expression != nullptr ? jump.expression : "?") + ")");
    }
    output = gumbo_parse_with_options(&options, html.data(), html.size());
    t_assertion_jump = nullptr;
  }
  if (output == nullptr || output->root == nullptr) {
    return Status(StatusCode::kParseError, "the HTML parser returned no tree");
  }
  Dom dom;
  dom.nodes_.reserve(html.size() / 40 + 16);
  dom.chars_.reserve(html.size() / 2 + 16);
  DomBuilder(&dom).Build(output->root);
  // No gumbo_destroy_output: every byte Gumbo allocated lives in `arena`, freed here in one go.
  if (dom.nodes_.empty()) return Status(StatusCode::kParseError, "the HTML parser returned an empty tree");
  // A subtree ends where the node's next sibling starts, else where its parent's subtree ends; a parent comes
  // before its children, so one pass in document order fills the table.
  const auto n = static_cast<uint32_t>(dom.nodes_.size());
  dom.subtree_end_.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    const Node& node = dom.nodes_[i];
    dom.subtree_end_[i] = node.next_sibling != kNoNode ? node.next_sibling
                          : node.parent != kNoNode     ? dom.subtree_end_[node.parent]
                                                       : n;
  }
  return dom;
}

std::string_view Dom::attr(uint32_t i, std::string_view name) const {
  const Node& n = nodes_[i];
  if (n.kind != Node::kElement) return {};
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    const Attribute& a = attrs_[k];
    if (std::string_view(chars_).substr(a.name_begin, a.name_size) == name) {
      return std::string_view(chars_).substr(a.value_begin, a.value_size);
    }
  }
  return {};
}

bool Dom::has_attr(uint32_t i, std::string_view name) const {
  const Node& n = nodes_[i];
  if (n.kind != Node::kElement) return false;
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    const Attribute& a = attrs_[k];
    if (std::string_view(chars_).substr(a.name_begin, a.name_size) == name) return true;
  }
  return false;
}

bool Dom::Contains(uint32_t a, uint32_t d) const { return a <= d && d < subtree_end_[a]; }

std::string InnerText(const Dom& dom, uint32_t root, size_t max_bytes) {
  std::string out;
  bool pending = false;
  // Entries with the high bit set mark the end of a block element: text after it is a new word.
  constexpr uint32_t kExit = 0x80000000u;
  std::vector<uint32_t> stack{root};
  while (!stack.empty() && out.size() <= max_bytes) {
    uint32_t i = stack.back();
    stack.pop_back();
    if (i & kExit) {
      pending = true;
      continue;
    }
    const Node& n = dom.node(i);
    if (n.is_text()) {
      // A text node of megabytes is read in pieces, no further than the limit needs (pieces end between
      // characters; white space collapses, so a piece may add nothing and the next is read).
      std::string_view text = dom.text(i);
      while (!text.empty() && out.size() <= max_bytes) {
        size_t cut = max_bytes == static_cast<size_t>(-1) ? text.size() : 2 * (max_bytes - out.size()) + 64;
        while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
        cut = std::min(cut, text.size());
        AppendCollapsed(text.substr(0, cut), &out, &pending);
        text.remove_prefix(cut);
      }
      continue;
    }
    if (n.tag == Tag::kScript || n.tag == Tag::kStyle) continue;
    if (IsBlock(n.tag)) {
      pending = true;
      stack.push_back(i | kExit);
    }
    size_t mark = stack.size();
    for (uint32_t c = n.first_child; c != kNoNode; c = dom.node(c).next_sibling) stack.push_back(c);
    std::reverse(stack.begin() + static_cast<long>(mark), stack.end());
  }
  return std::string(Trim(out));
}

uint32_t SubtreeEnd(const Dom& dom, uint32_t root) { return dom.subtree_end(root); }

bool IsHeading(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

bool IsHiddenByStyle(std::string_view style) {
  if (style.empty()) return false;
  std::string s;
  s.reserve(style.size());
  for (char c : style)
    if (c != ' ' && c != '\t' && c != '\n') s.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c);
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

bool IsBlock(Tag t) {
  switch (t) {
    case Tag::kHtml: case Tag::kBody: case Tag::kP: case Tag::kDiv: case Tag::kSection: case Tag::kArticle:
    case Tag::kMain: case Tag::kHeader: case Tag::kFooter: case Tag::kNav: case Tag::kAside: case Tag::kH1:
    case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kUl: case Tag::kOl:
    case Tag::kLi: case Tag::kDl: case Tag::kDt: case Tag::kDd: case Tag::kTable: case Tag::kCaption:
    case Tag::kThead: case Tag::kTbody: case Tag::kTfoot: case Tag::kTr: case Tag::kBlockquote: case Tag::kPre:
    case Tag::kFigure: case Tag::kFigcaption: case Tag::kCenter: case Tag::kAddress: case Tag::kDetails:
    case Tag::kSummary: case Tag::kDialog: case Tag::kMenu: case Tag::kForm: case Tag::kFieldset: case Tag::kHr:
    case Tag::kBr: case Tag::kTd: case Tag::kTh: case Tag::kNoscript: case Tag::kFrameset: case Tag::kFrame:
      return true;
    default:
      return false;
  }
}

bool IsDataTable(const Dom& dom, uint32_t table, const std::vector<uint8_t>& removed, bool* marked) {
  if (marked != nullptr) *marked = false;
  if (dom.attr(table, "role") == "presentation") return false;
  int rows = 0, max_cols = 0, cols = 0;
  const uint32_t end = SubtreeEnd(dom, table);
  for (uint32_t i = table + 1; i < end; ++i) {
    if (removed[i]) {
      // Removal marks whole subtrees: skip one in a step, not node by node. (The only kept nodes below a removed
      // one are a lead that AddLead put back inside an article's <header>, which no table holds in practice.)
      i = SubtreeEnd(dom, i) - 1;
      continue;
    }
    Tag t = dom.node(i).tag;
    if (!dom.node(i).is_element()) continue;
    if (t == Tag::kCaption || t == Tag::kTh || t == Tag::kThead || t == Tag::kTfoot) {
      if (marked != nullptr) *marked = true;
      return true;
    }
    if (t == Tag::kTable) return false;  // nested tables are layout
    if (t == Tag::kTr) {
      ++rows;
      cols = 0;
    } else if (t == Tag::kTd) {
      max_cols = std::max(max_cols, ++cols);
    }
  }
  return rows >= 10 || max_cols > 4 || rows * max_cols > 10;
}

}  // namespace cleaner
