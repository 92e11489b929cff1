// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/prescan.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <gumbo.h>

namespace cleaner {
namespace {

// Start tags longer than this are checked for their number of attributes; real tags keep far fewer than
// kMaxAttributes.
constexpr size_t kLongTag = 4096;
constexpr size_t kMaxAttributes = 256;
// Formatting elements left open when a block around them closes ("<div><b id=1>x</div>") stay on the parser's list
// of active formatting elements, and the parser re-creates every one of them, nested, before each later piece of
// text: "<div><b id=N>x</div>" repeated 4 000 times (95 KB) made 8 million nodes 4 000 deep, 2.85 GB and 18 s.
// The list keeps at most three identical entries (the standard's "Noah's Ark" clause), so only distinct ones
// pile up; past this many, further formatting start tags other than <a> are dropped (their text stays, their
// bold or italics go): that page now takes 0.14 s and 42 MB. No page of the 1 383 in the benchmark changes at 16.
constexpr size_t kMaxActiveFormatting = 16;
// Markers on that list: an <applet>, <marquee> or <object> closed without its end tag leaves its marker there for
// good ("<table><object></table>"), and the parser's searches of the list (as the model's) then grow with the page:
// repeated, with formatting tags after it, 11 MB took 50 s in Gumbo and 28 s in the model. Past this many markers,
// further <applet>, <marquee> and <object> start tags are dropped (what they hold stays).
constexpr size_t kMaxListMarkers = 64;

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }
bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// A tag name, lower-cased and truncated: only the first 15 bytes matter for recognising HTML elements.
// A MathML element (`foreign`) never matches an HTML name: the parser compares elements by namespace and tag.
struct Name {
  std::array<char, 16> s{};
  unsigned char len = 0;
  bool truncated = false;  // the tag's name was longer than 15 bytes
  bool foreign = false;    // an element the parser puts in the MathML namespace (Scanner::StartsForeign)
  bool Is(const char* other) const {
    size_t n = std::strlen(other);
    return !foreign && n == len && std::memcmp(s.data(), other, n) == 0;
  }
  bool operator==(const Name& o) const {
    return foreign == o.foreign && len == o.len && std::memcmp(s.data(), o.s.data(), len) == 0;
  }
};

// True if `n` is in `sorted` (kept in sorted order: the lists below are searched by halves, as the model asks them
// of every tag and of every element it pushes).
template <size_t N>
bool InSorted(const std::string_view (&sorted)[N], const Name& n) {
  return !n.foreign && std::binary_search(sorted, sorted + N, std::string_view(n.s.data(), n.len));
}

// Gumbo's void elements: never pushed on its stack of open elements. (Not <spacer>, an old Netscape tag that
// Gumbo opens like any other: 20 000 of them nest 20 000 deep.)
bool IsVoid(const Name& n) {
  static constexpr std::string_view kVoid[] = {
      "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "isindex",
      "keygen", "link", "meta", "param", "source", "track", "wbr"};
  return InSorted(kVoid, n);
}

// Elements whose content Gumbo reads as raw text up to the matching end tag, and that cleaner never uses. Also
// <noscript>, which browsers (scripting on) read as raw text too, while Gumbo parses its content as markup: an
// element left open inside it (`<noscript><div id=x></noscript>`, cleaneval final-714) then holds the rest of
// the page, and the prune stage drops every <noscript> with what it holds.
bool IsDroppedRawText(const Name& n) {
  return n.Is("script") || n.Is("style") || n.Is("iframe") || n.Is("noembed") || n.Is("noframes") ||
         n.Is("xmp") || n.Is("noscript");
}

// Elements whose content is RCDATA: kept, but tags inside are text, so the scanner must not read them as tags.
bool IsRcdata(const Name& n) { return n.Is("title") || n.Is("textarea"); }

// Start tags that close an open <p> (the "close a p element" list of the HTML standard, as Gumbo 0.10.1 has it).
bool ClosesP(const Name& n) {
  // Not <dialog> or <search>: Gumbo 0.10.1 predates them and nests them in the <p> like unknown elements.
  static constexpr std::string_view kTags[] = {
      "address", "article", "aside", "blockquote", "center", "dd", "details", "dir", "div", "dl", "dt", "fieldset",
      "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
      "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "section", "summary", "table", "ul", "xmp"};
  return InSorted(kTags, n);
}

// The formatting elements that the parser's adoption agency closes (the HTML standard's list).
bool IsFormatting(const Name& n) {
  static constexpr std::string_view kTags[] = {
      "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"};
  return InSorted(kTags, n);
}

// Elements of the HTML standard's "special" category that the scanner can have open (void ones never are): a
// formatting element closed with one of these inside it leaves it open (see Scanner::AdoptionAgency).
bool IsSpecial(const Name& n) {
  static constexpr std::string_view kTags[] = {
      "address", "applet", "article", "aside", "blockquote", "body", "button", "caption", "center", "colgroup",
      "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
      "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "html", "li", "listing",
      "main", "marquee", "menu", "nav", "object", "ol", "p", "plaintext", "pre", "section", "select", "summary",
      "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "ul"};
  return InSorted(kTags, n);
}

// True if Gumbo 0.10.1 knows the tag: it compares tags by its enumeration, so to it every unknown tag is the same
// tag ("</x>" closes an open <y>).
bool IsKnownTag(const Name& n) {
  // (n.s ends with a NUL: at most 15 of its 16 bytes are used.)
  return !n.foreign && gumbo_tag_enum(n.s.data()) != GUMBO_TAG_UNKNOWN;
}

// What the model asks of an open element, worked out once when it is pushed: the walks down the stack that
// every start and end tag makes then cost a bit test per element, not dozens of name comparisons (200 000
// "<li></li>" under 398 open <span>s took 1.9 s in the pre-scan before).
enum ElementFlag : uint32_t {
  kFlagSpecial = 1,     // IsSpecial
  kFlagClosesP = 2,     // ClosesP
  kFlagTableEdge = 4,   // <html>, <table>, <template>: the edge of every scope
  kFlagScopeEdge = 8,   // <td>, <th>, <caption>, <applet>, <marquee>, <object>: the edge of the default scope too
  kFlagButton = 16,     // the edge of button scope too
  kFlagListEdge = 32,   // <ol>, <ul>: the edge of list item scope too
  kFlagUnknown = 64,    // not a tag Gumbo knows
  kFlagForeign = 128,   // a MathML element (Name::foreign)
  kFlagTextPoint = 256,  // <mi>, <mo>, <mn>, <ms>, <mtext>: start tags and text in them are HTML's again
  kFlagHtmlPoint = 512,  // <annotation-xml encoding="text/html"> (or XHTML): all of its content is HTML's
  // A <template>, by its first start tag (DecideTemplate): a caption, column group or section (it stands for a
  // table), a <tr> (a table body), a cell (a row), a <col> (a column group), or any other (a body, in which the
  // table parts are ignored).
  kFlagTemplateTable = 1024,
  kFlagTemplateBody = 2048,
  kFlagTemplateRows = 8192,
  kFlagTemplateCells = 16384,
  kFlagTemplateColumns = 32768,
  kFlagTemplateParts = kFlagTemplateTable | kFlagTemplateRows | kFlagTemplateCells | kFlagTemplateColumns,
  kFlagTable = 1u << 16,      // <table> (counted: open_tables_)
  kFlagTemplate = 1u << 17,   // <template> (counted: open_templates_)
  kFlagClosesCell = 1u << 18,  // <td>, <th>, <caption>, <template>: closing one clears the list to its marker
  // A <select> the parser reads in its "in select in table" mode, which honours table parts (SelectContext).
  kFlagSelectInTable = 1u << 19,
  kFlagTablePart = 1u << 20,  // <caption>, <colgroup>, <tbody>, <thead>, <tfoot>, <tr>: "</table>" closes them
  kFlagMarker = 4096,  // <td>, <th>, <caption>, <applet>, <marquee>, <object>, <template>: put a marker on the list
};

// True if `n` is `raw` whatever its namespace (Name::Is never matches a MathML element).
bool RawIs(const Name& n, std::string_view raw) {
  return raw.size() == n.len && std::memcmp(n.s.data(), raw.data(), raw.size()) == 0;
}

uint32_t FlagsOf(const Name& n) {
  if (n.foreign) {
    // The MathML elements in the parser's scopes and its "special" category; the parser reads the content of
    // the first five as HTML (they are "MathML text integration points").
    uint32_t f = kFlagForeign;
    if (RawIs(n, "mi") || RawIs(n, "mo") || RawIs(n, "mn") || RawIs(n, "ms") || RawIs(n, "mtext"))
      f |= kFlagTextPoint | kFlagSpecial | kFlagScopeEdge;
    if (RawIs(n, "annotation-xml")) f |= kFlagSpecial | kFlagScopeEdge;
    return f;
  }
  uint32_t f = 0;
  if (IsSpecial(n)) f |= kFlagSpecial;
  if (ClosesP(n)) f |= kFlagClosesP;
  // The flags a few names have, found by halves (sorted by name).
  static constexpr std::pair<std::string_view, uint32_t> kNamed[] = {
      {"applet", kFlagScopeEdge | kFlagMarker},
      {"button", kFlagButton},
      {"caption", kFlagScopeEdge | kFlagMarker | kFlagClosesCell | kFlagTablePart},
      {"colgroup", kFlagTablePart},
      {"html", kFlagTableEdge},
      {"marquee", kFlagScopeEdge | kFlagMarker},
      {"object", kFlagScopeEdge | kFlagMarker},
      {"ol", kFlagListEdge},
      {"table", kFlagTableEdge | kFlagTable},
      {"tbody", kFlagTablePart},
      {"td", kFlagScopeEdge | kFlagMarker | kFlagClosesCell},
      {"template", kFlagTableEdge | kFlagMarker | kFlagClosesCell | kFlagTemplate},
      {"tfoot", kFlagTablePart},
      {"th", kFlagScopeEdge | kFlagMarker | kFlagClosesCell},
      {"thead", kFlagTablePart},
      {"tr", kFlagTablePart},
      {"ul", kFlagListEdge},
  };
  const std::string_view name(n.s.data(), n.len);
  const auto* named = std::lower_bound(std::begin(kNamed), std::end(kNamed), name,
                                       [](const auto& entry, std::string_view v) { return entry.first < v; });
  if (named != std::end(kNamed) && named->first == name) f |= named->second;
  if (!IsKnownTag(n)) f |= kFlagUnknown;
  return f;
}

class Scanner {
 public:
  Scanner(std::string_view in, size_t max_depth) : in_(in), max_depth_(max_depth) {
    out_.html.reserve(in.size() / 2 + 64);
  }

  PrescanResult Run() {
    size_t i = 0;
    const size_t n = in_.size();
    while (i < n) {
      const char* lt = static_cast<const char*>(std::memchr(in_.data() + i, '<', n - i));
      if (lt == nullptr) {
        if (n > i) ReconstructBeforeText();
        Emit(i, n);  // (the last text: no token follows it)
        break;
      }
      size_t at = static_cast<size_t>(lt - in_.data());
      if (at > i) {
        ReconstructBeforeText(Blank(i, at));
        for (size_t k = i; k < at && !token_seen_; ++k) token_seen_ = !IsSpace(in_[k]);
      }
      Emit(i, at);
      i = Tag(at);
    }
    return std::move(out_);
  }

 private:
  void Emit(size_t from, size_t to) {
    if (to > from) out_.html.append(in_.data() + from, to - from);
  }

  // True if in_[from, to) is white space only (it stops at the first other byte).
  bool Blank(size_t from, size_t to) const {
    for (size_t k = from; k < to; ++k)
      if (!IsSpace(in_[k])) return false;
    return true;
  }

  // Emits in_[from, to) as text: each '<' as "&lt;", so that the parser reads no tag in it.
  void EmitAsText(size_t from, size_t to) {
    for (size_t p = from; p < to;) {
      const void* lt = std::memchr(in_.data() + p, '<', to - p);
      const size_t next = lt == nullptr ? to : static_cast<size_t>(static_cast<const char*>(lt) - in_.data());
      Emit(p, next);
      if (next == to) break;
      out_.html.append("&lt;");
      p = next + 1;
    }
  }

  // Reads a tag name starting at `p`; returns the index after it.
  size_t ReadName(size_t p, Name* name) const {
    while (p < in_.size() && !IsSpace(in_[p]) && in_[p] != '>' && in_[p] != '/') {
      if (name->len < name->s.size() - 1) name->s[name->len++] = Lower(in_[p]);
      else name->truncated = true;
      ++p;
    }
    return p;
  }

  // Finds the '>' that ends a tag whose attributes start at `p`, as the HTML tokenizer's attribute states do.
  // Returns npos when the input ends first. Sets *self_closing for "/>". A quote opens a quoted value only where a
  // value starts (after '=' and any spaces); inside a name or an unquoted value it is an ordinary character, so
  // `<meta a=b"c=">` ends at its '>' (the model read a quoted value from there to the page's next '"' before, and
  // the 100 000 <div>s between nested uncounted: 36 s in Gumbo).
  size_t FindTagEnd(size_t p, bool* self_closing) const {
    enum State { kBetween, kName, kBeforeValue, kQuoted, kUnquoted };
    const size_t n = in_.size();
    State state = kBetween;
    char quote = 0;
    bool slash = false;  // the last character was a '/' outside a value
    for (; p < n; ++p) {
      const char c = in_[p];
      switch (state) {
        case kQuoted:
          if (c == quote) state = kBetween;
          continue;
        case kUnquoted:
          if (c == '>') break;
          if (IsSpace(c)) state = kBetween;
          continue;
        case kBeforeValue:
          if (c == '>') break;
          if (c == '"' || c == '\'') {
            quote = c;
            state = kQuoted;
          } else if (!IsSpace(c)) {
            state = kUnquoted;
          }
          continue;
        case kBetween:
        case kName:
          if (c == '>') break;
          if (c == '=' && state == kName) {
            state = kBeforeValue;
          } else if (IsSpace(c) || c == '/') {
            // A space ends a name, and the '=' after it still gives the name its value ("a = b"): the states
            // after a name and before one act alike for '=' except at the very start, where '=' begins a name.
            if (state == kName && IsSpace(c)) {
              size_t q = p;
              while (q < n && IsSpace(in_[q])) ++q;
              if (q < n && in_[q] == '=') {
                p = q;
                state = kBeforeValue;
                slash = false;
                continue;
              }
            }
            state = kBetween;
          } else {
            state = kName;
          }
          slash = c == '/';
          continue;
      }
      // c == '>' outside a quoted value.
      *self_closing = slash && state != kUnquoted;
      return p;
    }
    return std::string_view::npos;
  }

  // Finds "</name" (case-insensitive) from `p`; returns its index or npos. A search that found none is
  // remembered, so that a page of unclosed <title>s is not scanned to its end once per title.
  size_t FindEndTag(size_t p, const Name& name) {
    for (const auto& [other, from] : no_end_tag_after_)
      if (other == name && p >= from) return std::string_view::npos;
    size_t found = FindEndTagFrom(p, name);
    if (found == std::string_view::npos) no_end_tag_after_.push_back({name, p});
    return found;
  }

  size_t FindEndTagFrom(size_t p, const Name& name) const {
    const size_t n = in_.size();
    while (p < n) {
      const char* lt = static_cast<const char*>(std::memchr(in_.data() + p, '<', n - p));
      if (lt == nullptr) return std::string_view::npos;
      size_t at = static_cast<size_t>(lt - in_.data());
      if (at + 2 + name.len <= n && in_[at + 1] == '/') {
        bool match = true;
        for (size_t k = 0; k < name.len; ++k) {
          if (Lower(in_[at + 2 + k]) != name.s[k]) {
            match = false;
            break;
          }
        }
        if (match) {
          size_t after = at + 2 + name.len;
          if (after >= n || IsSpace(in_[after]) || in_[after] == '>' || in_[after] == '/') return at;
        }
      }
      p = at + 1;
    }
    return std::string_view::npos;
  }

  // True if the input at `at` is "<NAME" or "</NAME" (as `close` says) followed by white space, '/' or '>', with
  // NAME compared without case.
  bool TagNameAt(size_t at, std::string_view name, bool close) const {
    size_t p = at + 1 + (close ? 1 : 0);
    if (p + name.size() >= in_.size() || in_[at] != '<' || (close && in_[at + 1] != '/')) return false;
    for (size_t k = 0; k < name.size(); ++k)
      if (Lower(in_[p + k]) != name[k]) return false;
    const char after = in_[p + name.size()];
    return IsSpace(after) || after == '/' || after == '>';
  }

  // The start of a <script>'s end tag, from `p` (just after the start tag), or npos. The HTML tokenizer's script
  // data states: after "<!--", a "<script" starts a "double escaped" part in which "</script>" does not end the
  // element (document.write("<script>...</script>") inside an HTML comment); "-->" ends the escape.
  size_t FindScriptEnd(size_t p) const {
    enum { kData, kEscaped, kDoubleEscaped } state = kData;
    const size_t n = in_.size();
    while (p < n) {
      if (state == kData) {
        const char* lt = static_cast<const char*>(std::memchr(in_.data() + p, '<', n - p));
        if (lt == nullptr) return std::string_view::npos;
        const size_t at = static_cast<size_t>(lt - in_.data());
        if (TagNameAt(at, "script", true)) return at;
        if (in_.compare(at, 4, "<!--") == 0) {
          state = kEscaped;
          p = at + 4;
        } else {
          p = at + 1;
        }
        continue;
      }
      const size_t at = in_.find_first_of("<-", p);
      if (at == std::string_view::npos) return std::string_view::npos;
      if (in_.compare(at, 3, "-->") == 0) {
        state = kData;
        p = at + 3;
      } else if (state == kEscaped && TagNameAt(at, "script", true)) {
        return at;
      } else if (state == kEscaped && TagNameAt(at, "script", false)) {
        state = kDoubleEscaped;
        p = at + 7;
      } else if (state == kDoubleEscaped && TagNameAt(at, "script", true)) {
        state = kEscaped;
        p = at + 8;
      } else {
        p = at + 1;
      }
    }
    return std::string_view::npos;
  }

  size_t Tag(size_t at) {
    const size_t n = in_.size();
    size_t p = at + 1;
    if (p >= n) {
      ReconstructBeforeText();  // text, as below
      out_.html.append("&lt;");
      return n;
    }
    char c = in_[p];
    if (c == '!') {
      if (in_.compare(p, 3, "!--") == 0) {
        // A comment: dropped. "<!-->" and "<!--->" are complete empty comments; an unclosed one runs to the end
        // of the input, as in the HTML standard.
        if (in_.compare(p + 3, 1, ">") == 0) return p + 4;
        if (in_.compare(p + 3, 2, "->") == 0) return p + 5;
        size_t end = in_.find("-->", p + 3);
        return end == std::string_view::npos ? n : end + 3;
      }
      size_t end = in_.find('>', p);  // doctype, CDATA or a bogus comment: passed through
      end = end == std::string_view::npos ? n : end + 1;
      if (!token_seen_ && IsHtml5Doctype(in_.substr(p, end - p))) quirks_ = false;
      token_seen_ = true;
      Emit(at, end);
      return end;
    }
    if (c == '/') {
      token_seen_ = true;
      // "</>" is ignored, and "</" before anything but a letter opens a bogus comment to the next '>' (no quotes
      // in it): dropped, as comments are.
      if (p + 1 < n && in_[p + 1] == '>') return p + 2;
      if (p + 1 < n && !IsAsciiAlpha(in_[p + 1])) {
        const size_t gt = in_.find('>', p);
        return gt == std::string_view::npos ? n : gt + 1;
      }
      Name name;
      size_t after = ReadName(p + 1, &name);
      bool self_closing = false;
      size_t end = FindTagEnd(after, &self_closing);
      end = end == std::string_view::npos ? n : end + 1;
      if (name.len == 0 || !IsAsciiAlpha(name.s[0])) {
        Emit(at, end);
        return end;
      }
      const size_t select = SelectAt();
      if (select != kNone) {
        const SelectRule rule = SelectEndTag(name, select);
        if (rule == SelectRule::kDone) Emit(at, end);
        if (rule != SelectRule::kReprocess) return end;  // (an ignored one is dropped: see SelectStartTag)
      }
      // "</br>" makes a <br>, and "</p>" with no <p> open an empty <p>: elements the count must see.
      if (name.Is("br") || (name.Is("p") && !InStack(name))) ++out_.elements;
      if (InForeign()) {
        // (Where the model cannot tell what the parser would close, the end tag is dropped: the model and the
        // parser then both close nothing, and go on alike.) Gumbo 0.10.1 compares a MathML element's name with
        // all of the end tag's text between "</" and ">": one with anything after its name ("</mi >", "</mi/>")
        // closes no MathML element, and the HTML rules take it (the model closed the <mi>, and the HTML after it
        // went 4 levels uncounted on a fuzzed page).
        const bool bare = after < n && in_[after] == '>';
        const ForeignEnd closed = bare ? CloseForeign(name) : ForeignEnd::kHtml;
        if (closed == ForeignEnd::kClosed) Emit(at, end);
        if (closed != ForeignEnd::kHtml) return end;
      }
      // A formatting element's end tag is kept while the element is on the list of active formatting elements:
      // it takes the element off the parser's list too, where it would otherwise be re-created before every
      // later text. (Dropped, as the end tag of a start tag dropped at the cap, it left the element on the
      // parser's list but not on the model's: "<b><i><u><s><em><div>x</b></i></u></s></em>" x 20 000 went 20 796
      // deep under a cap of 400.)
      bool keep;
      if (IsFormatting(name)) {
        // Gumbo 0.10.1's adoption agency first closes a current node of that name that is not on the list; with
        // no entry of its name on the list, it ignores the end tag ("<b><x><b><b><b>" puts the first <b> off the
        // list, and the fourth "</b>" after them leaves the <x> open; the model, closing through it, went 29
        // levels short). An end tag whose adoption agency would take a subtree past the cap is dropped.
        if (!stack_.empty() && stack_.back() == name && !active_.empty() && active_.back().id == ids_.back()) {
          // (The usual "<b>x</b>": the current node, listed last, closes and leaves the list, as the adoption
          // agency would have it, without its search.)
          ListErase(active_.size() - 1);
          PopBack();
          keep = true;
        } else if (!stack_.empty() && stack_.back() == name && ListIndexOf(ids_.back()) < 0) {
          PopBack();
          keep = true;
        } else {
          const Adoption adoption = AdoptionAgency(name);
          keep = adoption == Adoption::kDone || (adoption == Adoption::kNoEntry && KeepUnmatchedEndTag());
          if (adoption == Adoption::kAbandoned) out_.depth_capped = true;
        }
      } else if (name.Is("form")) {
        keep = CloseForm() || KeepUnmatchedEndTag();
      } else if (name.Is("br")) {
        // "</br>" is a <br> to the parser, before which it re-creates formatting elements, as before text.
        ReconstructBeforeText();
        keep = true;
      } else {
        keep = CloseTag(name);
      }
      if (keep) Emit(at, end);
      return end;
    }
    if (c == '?') {  // "<?...>": a bogus comment, to the next '>'
      const size_t gt = in_.find('>', p);
      return gt == std::string_view::npos ? n : gt + 1;
    }
    if (!IsAsciiAlpha(c)) {
      // A literal '<' in text, written as "&lt;": a construct dropped after it would otherwise join it to the text
      // that follows into a tag the model never saw ("<<!---->div>" makes "<div>"). It is text, before which the
      // parser re-creates formatting elements, as before any other (Run).
      ReconstructBeforeText();
      out_.html.append("&lt;");
      return at + 1;
    }
    Name name;
    size_t after = ReadName(p, &name);
    token_seen_ = true;
    bool self_closing = false;
    size_t end = FindTagEnd(after, &self_closing);
    if (end == std::string_view::npos) return n;  // a truncated tag at the end of the input: dropped
    size_t tag_end = end + 1;

    const std::string_view attributes = in_.substr(after, end - after);
    // In MathML (the parser's foreign content), a start tag makes a MathML element, none of HTML's rules applying
    // to it, unless it is one of the HTML tags that close the MathML first (BreaksOut) or the current node is a
    // MathML element whose content is HTML's (StartsForeign).
    const bool foreign = StartsForeign(name, attributes);
    // An <isindex> (obsolete since HTML5) is dropped, in MathML too: Gumbo 0.10.1 expands it into a <form> of
    // <hr>, <label>, <input> and <hr> with a prompt ("This is a searchable index..."), which is no article's text,
    // and whose interplay with its adoption agency the model did not follow: "<b><i><u><s><l><t><em></m><isindex>
    // <div></b></u>e" repeated went 90 levels past a cap of 400.
    if (name.Is("isindex")) return tag_end;

    if (IsDroppedRawText(name) || (name.Is("svg") && !self_closing)) {
      if (!foreign) CloseColumnGroup();  // (never dropped at the cap: nothing to undo)
      ++out_.elements;
      if (!foreign && !name.Is("script") && !name.Is("style") && !name.Is("noframes")) DecideTemplate(name);
      // In HTML content, the parser re-creates formatting elements before an <svg>, a <noscript> (an ordinary
      // element to Gumbo) and an <xmp> (not before the others, which it reads as raw text at once).
      if (!foreign && (name.Is("svg") || name.Is("noscript") || name.Is("xmp")) && SelectAt() == kNone) Reconstruct();
      // (A JSON-LD script in MathML is no raw text to the parser: its body is markup there, which the model would
      // have to read. It is emptied like any other.)
      bool keep_body = name.Is("script") && !foreign && IsJsonLd(after, end);
      size_t close = name.Is("script") ? FindScriptEnd(tag_end) : FindEndTag(tag_end, name);
      size_t close_end = EndOfTag(close);
      if (keep_body) {
        Emit(at, close_end);
        if (close == std::string_view::npos) out_.html.append("</script>");
      } else {
        // Keep the element, empty, so that the tree still shows where it was.
        Emit(at, tag_end);
        out_.html.append("</");
        out_.html.append(name.s.data(), name.len);
        out_.html.push_back('>');
      }
      return close_end;
    }
    if (foreign) {
      // A MathML element (a <title> or <textarea> too: its content is markup there). "/>" closes it.
      // One named like a table part, a <select>, a <template>, <html> or <frameset> is dropped: Gumbo 0.10.1 resets
      // its insertion mode (after a "</template>", a "</table>"...) by the open elements' tags, whatever their
      // namespace, so that a MathML <th> puts it in a cell's mode, which the model does not follow
      // ("<table><math><th><mtext><template></template><colgroup>": the parser ignores the <colgroup>, which
      // closed all after the table in the model).
      static constexpr std::string_view kModeNames[] = {"caption", "colgroup", "frameset", "html",  "select",
                                                        "tbody",   "td",       "template", "tfoot", "th",
                                                        "thead",   "tr"};
      if (InSorted(kModeNames, name)) return tag_end;
      if (!self_closing) {
        if (Depth() + Pending() >= max_depth_) {
          out_.depth_capped = true;
          ++dropped_;
          return tag_end;
        }
        Name element = name;
        element.foreign = true;
        Push(element, attributes);
      }
      ++out_.elements;
      EmitStartTag(at, after, end, tag_end, self_closing);
      return tag_end;
    }
    Begin(name);
    const size_t next = HtmlStartTag(at, name, after, end, self_closing);
    logging_ = false;
    return next;
  }

  // The rest of Tag for a start tag that the parser reads as HTML; `after` and `end` delimit its attributes.
  // Where the tag is dropped at the cap, whatever the model did for it is undone (Rollback): the parser never
  // sees it. (A "<p>" dropped after the model had closed the open <p> for it left the model a level shallower
  // than the parser; an "<em>" dropped in MathML, after it had closed the MathML, left 4 levels uncounted.)
  size_t HtmlStartTag(size_t at, const Name& name, size_t after, size_t end, bool self_closing) {
    const size_t tag_end = end + 1;
    const std::string_view attributes = in_.substr(after, end - after);
    const size_t select = SelectAt();
    if (select != kNone) {
      const SelectRule rule = SelectStartTag(name, select);
      if (rule == SelectRule::kDone) EmitStartTag(at, after, end, tag_end, self_closing);
      if (rule != SelectRule::kReprocess) return tag_end;
    }
    // Straight in a template of columns, Gumbo 0.10.1 takes <col> and <template> only, and ignores the rest, a
    // <title>'s or <textarea>'s start tag too, whose text it then reads as markup: dropped, so that the model reads
    // that text as markup too (it counted none of "<template><col><title><template><o><d>...</title>").
    if (!stack_.empty() && (flags_.back() & kFlagTemplateColumns) != 0 && !name.Is("col") && !name.Is("template"))
      return tag_end;
    // In a frameset, Gumbo ignores a <title> or <textarea> too, and reads its text as markup.
    if (!stack_.empty() && stack_.back().Is("frameset") && IsRcdata(name)) return tag_end;
    // A <frameset> in another element than a frameset is dropped. Gumbo ignores it once the page has text or
    // elements such as <li> or <img>, and otherwise throws the body away for it and ignores all but frames
    // after: either way the model, which nested it as a special element, was wrong (each <a>'s adoption
    // stopped at it, where the parser closed the formatting elements: "n" + "<a><i><u><i><u><d><b><frameset>"
    // x 200 parsed 664 deep under a cap of 400). (Only a current frameset is looked at: since no frameset goes
    // on anything else, one that is the current node has framesets alone below it.)
    if (name.Is("frameset") && !stack_.empty() && !stack_.back().Is("frameset")) return tag_end;
    // A column group that is the current node holds <col>s only: any other start tag (but <template> and <html>)
    // closes it first, and the parser reads the tag in the table: "<table><colgroup><td>" makes a row and a cell,
    // as "<table><td>" does (the model put the cell in the column group, a level short), and "<table><colgroup>
    // <em><table>" closes the table and the <em> put before it (the model nested both, and a later <tbody> closed
    // the 7 elements opened after them in the model only). Before the formatting elements the tag re-creates, and
    // logged (Begin), so that a tag dropped at the cap leaves it open, as the parser, not seeing the tag, does.
    if (!name.Is("col") && !name.Is("template") && !name.Is("html")) CloseColumnGroup();
    // An <option> or <optgroup> closes an <option> that is the current node, before the formatting elements are
    // re-created (Open).
    if ((name.Is("option") || name.Is("optgroup")) && !stack_.empty() && stack_.back().Is("option")) PopBack();
    if (IsRcdata(name)) {
      size_t close = FindEndTag(tag_end, name);
      size_t close_end = EndOfTag(close);
      const bool unclosed = close == std::string_view::npos;
      if (unclosed) {
        // A <title> or <textarea> that is never closed makes the rest of the page its text: a browser shows
        // nothing, and cleaner found no article on 5 l3s-gn1 pages whose crawl lost or mangled "</title>". It
        // ends at the next tag instead, as in libxml2's recovery, and a title also at its first line's end. (An
        // unclosed <script>, <style> or <iframe> still runs to the end, as in browsers: the raw text there is
        // not the page's, and no bench page gains from ending it early.)
        close = close_end = UnclosedEnd(tag_end, /*at_line_end=*/name.Is("title"));
      }
      if (Open(name, false, attributes)) {
        ++out_.elements;
        Emit(at, close_end);
        if (unclosed) {
          out_.html.append("</");
          out_.html.append(name.s.data(), name.len);
          out_.html.push_back('>');
        }
      } else {
        Rollback();
        // Its start tag dropped at the cap, the element's text stays text: a '<' in it would start a tag the model
        // has not counted (a fuzzed page's unclosed <title>, dropped, let 300 levels through the cap). Text, before
        // which the parser re-creates formatting elements, as before any other (a <nobr> the model missed, and the
        // <h1> after it nested in it).
        const size_t text_end = close == std::string_view::npos ? in_.size() : close;
        if (text_end > tag_end) ReconstructBeforeText(Blank(tag_end, text_end));
        EmitAsText(tag_end, close);
      }
      Close(name);
      return close_end;
    }
    if ((name.Is("applet") || name.Is("marquee") || name.Is("object")) && HasMarkers(kMaxListMarkers)) {
      out_.formatting_dropped = true;
      return tag_end;
    }
    // An HTML tag in MathML closes the MathML elements first, up to the nearest HTML element or integration point
    // (BreaksOut), and the parser reads it again as HTML.
    while (InForeign() && (flags_.back() & (kFlagTextPoint | kFlagHtmlPoint)) == 0) PopBack();
    // Text-level start tags re-create the formatting elements a block closed around them, as text does (Run), and
    // so do <applet>, <marquee>, <object> and <select>, and <button> once it has closed an open one (Open). (An
    // element re-created later is re-created behind a marker, if one came in between: never.)
    // (Not before a <col>, which is special too, but void: the model has no use for it in IsSpecial.)
    if ((!IsSpecial(name) && !name.Is("col")) || name.Is("applet") || name.Is("marquee") || name.Is("object") ||
        name.Is("select"))
      Reconstruct();
    // A new <a> or <nobr> first closes an open one (the parser's adoption agency), and then re-creates what that
    // closed: "<nobr><u><s><em><nobr>" opens <u>, <s> and <em> again before the second <nobr>, 3 levels the model
    // missed. For an <a>, the one listed after the last marker; it leaves the list, and the stack, even where the
    // adoption agency left it. For a <nobr>, one in scope.
    if (name.Is("a") || name.Is("nobr")) {
      long listed = -1;
      bool adopt = false;
      if (name.Is("a")) {
        for (size_t k = active_.size(); k-- > LastMarker() && listed < 0;)
          if (active_[k].name == name) listed = static_cast<long>(k);
        adopt = listed >= 0;
      } else {
        for (size_t k = stack_.size(); k-- > 0 && !adopt;) {
          if (stack_[k] == name) adopt = true;
          else if (Bounds(flags_[k], EndScope::kDefault)) break;
        }
      }
      if (adopt) {
        if (AdoptionAgency(name) == Adoption::kAbandoned) {
          Rollback();
          out_.depth_capped = true;
          return tag_end;
        }
        if (listed >= 0) {  // the <a> still listed after it, if any, leaves the list and the stack
          long again = -1;
          for (size_t k = active_.size(); k-- > LastMarker() && again < 0;)
            if (active_[k].name == name) again = static_cast<long>(k);
          const uint32_t last = again >= 0 ? active_[static_cast<size_t>(again)].id : 0;
          if (again >= 0) ListErase(static_cast<size_t>(again));
          for (size_t k = stack_.size(); k-- > 0 && last != 0 && open_formatting_.count(last) != 0;) {
            if (ids_[k] != last) continue;
            if (k > 0) SetElement(k - 1, ids_[k - 1], depth_[k - 1], std::max(peak_[k - 1], peak_[k]));
            EraseElement(k);
            break;
          }
        }
        Reconstruct();
      }
    }
    // A formatting element dropped at the cap must not join the list of active formatting elements, which the
    // parser, not seeing it, would not re-create. (<a> and <nobr> first closed an open one, above.)
    const bool formatting = IsFormatting(name);
    if (formatting && !name.Is("a") && !name.Is("nobr") && Depth() >= max_depth_ && !InForeign()) {
      Rollback();
      out_.depth_capped = true;
      ++dropped_;
      return tag_end;
    }
    if (formatting && !StartFormatting(name, attributes)) {
      Rollback();
      out_.formatting_dropped = true;
      return tag_end;
    }
    if (!Open(name, self_closing, attributes)) {
      if (!Rollback() && formatting) active_.pop_back();  // StartFormatting put it last (never near the cap)
    } else {
      if (formatting && stack_.back() == name) ListSetId(active_.size() - 1, ids_.back());  // Open pushed it last
      ++out_.elements;
      EmitStartTag(at, after, end, tag_end, self_closing);
    }
    return tag_end;
  }

  // Emits the start tag in_[at, tag_end), whose attributes are in_[after, end), cut after kMaxAttributes of them.
  void EmitStartTag(size_t at, size_t after, size_t end, size_t tag_end, bool self_closing) {
    size_t cut = tag_end - at > kLongTag ? AttributeLimit(after, end) : std::string_view::npos;
    if (cut == std::string_view::npos) {
      Emit(at, tag_end);
    } else {
      Emit(at, cut);
      out_.html.append(self_closing ? "/>" : ">");
    }
  }

  // True if the current node is a MathML element.
  bool InForeign() const { return !flags_.empty() && (flags_.back() & kFlagForeign) != 0; }

  // True if the parser reads start tag `name` as MathML: in MathML, unless the current node's content is HTML's (a
  // text integration point's, but for <mglyph> and <malignmark>; an HTML integration point's), or the tag is one
  // of those that close the MathML (BreaksOut).
  bool StartsForeign(const Name& name, std::string_view attributes) const {
    if (!InForeign()) return false;
    const uint32_t f = flags_.back();
    if ((f & kFlagHtmlPoint) != 0) return false;
    if ((f & kFlagTextPoint) != 0 && !name.Is("mglyph") && !name.Is("malignmark")) return false;
    return !BreaksOut(name, attributes);
  }

  // The HTML tags that end foreign content: the parser closes the MathML elements up to the nearest HTML element or
  // integration point and reads them as HTML (the HTML standard's list; <font> only with a color, face or size).
  bool BreaksOut(const Name& n, std::string_view attributes) const {
    static constexpr std::string_view kBreakout[] = {
        "b",    "big",  "blockquote", "body", "br",      "center", "code",  "dd",   "div",   "dl",   "dt",
        "em",   "embed", "h1",        "h2",   "h3",      "h4",     "h5",    "h6",   "head",  "hr",   "i",
        "img",  "li",   "listing",    "menu", "meta",    "nobr",   "ol",    "p",    "pre",   "ruby", "s",
        "small", "span", "strike",    "strong", "sub",   "sup",    "table", "tt",   "u",     "ul",   "var"};
    if (InSorted(kBreakout, n)) return true;
    return n.Is("font") && (HasAttribute(attributes, "color") || HasAttribute(attributes, "face") ||
                            HasAttribute(attributes, "size"));
  }

  static bool HasAttribute(std::string_view attributes, std::string_view want) {
    std::string_view value;
    return AttributeValue(attributes, want, &value);
  }

  // Reads the attribute at attributes[*p...] as the tokenizer does: sets *name and *value (as written: no character
  // references decoded) and moves *p past it. False at the end.
  static bool NextAttribute(std::string_view attributes, size_t* p, std::string_view* name, std::string_view* value) {
    const size_t n = attributes.size();
    size_t q = *p;
    while (q < n && (IsSpace(attributes[q]) || attributes[q] == '/')) ++q;
    const size_t start = q;
    // A name: up to a space, '/' or '=' (an '=' that starts one is part of it).
    if (q < n && attributes[q] == '=') ++q;
    while (q < n && !IsSpace(attributes[q]) && attributes[q] != '/' && attributes[q] != '=') ++q;
    if (q == start) return false;
    *name = attributes.substr(start, q - start);
    *value = {};
    size_t r = q;
    while (r < n && IsSpace(attributes[r])) ++r;
    if (r < n && attributes[r] == '=') {  // a value: quoted, or up to a space
      ++r;
      while (r < n && IsSpace(attributes[r])) ++r;
      if (r < n && (attributes[r] == '"' || attributes[r] == '\'')) {
        const size_t close = attributes.find(attributes[r], r + 1);
        const size_t stop = close == std::string_view::npos ? n : close;
        *value = attributes.substr(r + 1, stop - r - 1);
        q = close == std::string_view::npos ? n : close + 1;
      } else {
        const size_t from = r;
        while (r < n && !IsSpace(attributes[r])) ++r;
        *value = attributes.substr(from, r - from);
        q = r;
      }
    }
    *p = q;
    return true;
  }

  // True if a start tag whose text after its name is `attributes` has an attribute `want` (lower case); sets
  // *value to the first one's value, as written.
  static bool AttributeValue(std::string_view attributes, std::string_view want, std::string_view* value) {
    size_t p = 0;
    std::string_view name, v;
    while (NextAttribute(attributes, &p, &name, &v)) {
      if (EqualsLower(name, want)) {
        *value = v;
        return true;
      }
    }
    return false;
  }

  static bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (Lower(a[k]) != Lower(b[k])) return false;
    return true;
  }

  // True if `s` equals `lower` (lower case) without regard to ASCII case.
  static bool EqualsLower(std::string_view s, std::string_view lower) {
    if (s.size() != lower.size()) return false;
    for (size_t k = 0; k < s.size(); ++k)
      if (Lower(s[k]) != lower[k]) return false;
    return true;
  }

  // The parser's rule for an end tag in foreign content: the MathML elements from the current node down to the
  // nearest HTML element are compared with it by name, and it closes the first that matches (kClosed); if none
  // does, the HTML rules take it (kHtml). Among the 64 innermost, as in CloseTag; past them, or where names longer
  // than the model keeps may differ, nothing closes (kNothing: the model may then overestimate the depth, never
  // underestimate it).
  enum class ForeignEnd { kClosed, kHtml, kNothing };
  ForeignEnd CloseForeign(const Name& name) {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > 0;) {
      if ((flags_[k] & kFlagForeign) == 0) return ForeignEnd::kHtml;
      if (k < limit) return ForeignEnd::kNothing;
      const Name& e = stack_[k];
      if (e.len != name.len || e.truncated != name.truncated || std::memcmp(e.s.data(), name.s.data(), e.len) != 0)
        continue;
      if (e.truncated) return ForeignEnd::kNothing;
      Truncate(k);
      return ForeignEnd::kClosed;
    }
    return ForeignEnd::kHtml;
  }

  // Returns where the (kMaxAttributes + 1)-th attribute of a start tag starts, or npos if it has fewer. Gumbo
  // checks each new attribute name against all earlier ones of the tag: 100 000 distinct names take 19 s.
  size_t AttributeLimit(size_t from, size_t to) const {
    size_t count = 0;
    char quote = 0;
    bool in_name = false, after_equals = false;
    for (size_t p = from; p < to; ++p) {
      char c = in_[p];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (IsSpace(c) || c == '/') {
        in_name = false;
        continue;
      }
      if (c == '=') {
        after_equals = true;
        in_name = false;
        continue;
      }
      if (after_equals) {
        after_equals = false;
        if (c == '"' || c == '\'') quote = c;
        else while (p + 1 < to && !IsSpace(in_[p + 1])) ++p;  // an unquoted value
        continue;
      }
      if (!in_name) {
        in_name = true;
        if (++count > kMaxAttributes) return p;
      }
    }
    return std::string_view::npos;
  }

  // Where an element that is never closed ends: at the next start or end tag, comment or declaration after
  // `from`, or with `at_line_end` also at the end of the first line that has text; else at the input's end.
  size_t UnclosedEnd(size_t from, bool at_line_end) const {
    const size_t n = in_.size();
    bool text = false;
    for (size_t p = from; p < n; ++p) {
      const char c = in_[p];
      if (c == '<' && p + 1 < n) {
        const char d = in_[p + 1];
        if ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || d == '/' || d == '!' || d == '?') return p;
      }
      if (at_line_end && c == '\n' && text) return p;
      if (!IsSpace(c)) text = true;
    }
    return n;
  }

  // The index after the '>' of the end tag that starts at `close`; the end of the input if there is none.
  size_t EndOfTag(size_t close) const {
    if (close == std::string_view::npos) return in_.size();
    size_t gt = in_.find('>', close);
    return gt == std::string_view::npos ? in_.size() : gt + 1;
  }

  bool IsJsonLd(size_t from, size_t to) const {
    std::string_view attrs = in_.substr(from, to - from);
    return attrs.find("ld+json") != std::string_view::npos;
  }

  // An entry of the list of active formatting elements (active_).
  // Two start tags have the same attributes, as the parser compares them for the list's three-identical rule, when
  // they have the same names without regard to case, in any order, the first of a repeated name counting, with the
  // same values. "<s>" and "<s/>", or "<b >", are identical to it; taken for different, they kept an entry on the
  // model's list that the parser had dropped, and a later "</s>" closed things through it in the model only. Values
  // are compared as written (one with a character reference may be taken for different), and tags of more than
  // 16 attributes by their whole text.
  // A formatting tag's attributes in brief, read once when it joins the list: how many distinct names (up to 16;
  // `many` past that) and an order-free hash of each name's first occurrence, in lower case, with its value. Two
  // tags are identical for the three-identical rule when their names and summaries are (the parser compares the
  // same pairs; a hash collision only makes the model drop one entry more than the parser). Comparing the
  // attributes in full read each listed tag's again for every new tag: 16 tags of long attributes, then 60 000
  // "<b>", took 15 s for 200 KB.
  struct AttributeSummary {
    uint64_t hash = 0;
    uint32_t count = 0;
    bool many = false;
    bool operator==(const AttributeSummary& o) const { return hash == o.hash && count == o.count && many == o.many; }
  };

  static AttributeSummary Summarize(std::string_view attributes) {
    constexpr size_t kMax = 16;
    std::array<std::string_view, kMax> names;
    AttributeSummary out;
    size_t p = 0;
    std::string_view name, value;
    while (NextAttribute(attributes, &p, &name, &value)) {
      bool repeated = false;
      for (size_t k = 0; k < out.count && !repeated; ++k) repeated = EqualsIgnoringCase(names[k], name);
      if (repeated) continue;
      if (out.count == kMax) {
        out.many = true;
        break;
      }
      names[out.count++] = name;
      uint64_t h = 1469598103934665603ull;  // FNV-1a over the lower-cased name, a separator and the value
      for (char c : name) h = (h ^ static_cast<unsigned char>(Lower(c))) * 1099511628211ull;
      h = (h ^ 0xFFu) * 1099511628211ull;
      for (char c : value) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      out.hash += h;
    }
    return out;
  }

  struct Active {
    Name name;
    std::string_view attributes;  // the tag's text after its name, as written
    AttributeSummary summary;     // Summarize(attributes)
    uint32_t id = 0;              // the open element it stands for (ids_), if it is open
    bool marker = false;          // a marker (kFlagMarker), not a formatting element
  };

  // The parser's list of active formatting elements (see kMaxActiveFormatting): a formatting start tag joins it,
  // unless three identical ones are on it already after the last marker (then the earliest of those leaves), and a
  // new <a> or <nobr> replaces an open one; its end tag takes it off (AdoptionAgency). A cell, a caption,
  // an <applet>, <marquee>, <object> or <template> puts a marker on it (Push), and what follows the marker leaves
  // with the element (PopBack): the entries before a marker are neither re-created nor closed by end tags inside
  // it. (Without markers, "<table><s><td><i>" re-created the <s> put before the table in the cell, and a "</s>"
  // there closed everything opened in the cell, while the parser ignored it.) False if the tag is to be dropped.
  bool StartFormatting(const Name& name, std::string_view attributes) {
    const size_t marker = LastMarker();
    const AttributeSummary summary = Summarize(attributes);
    size_t same = 0, earliest = 0;
    for (size_t k = active_.size(); k-- > marker;) {
      const bool identical = summary.many ? active_[k].summary.many && active_[k].attributes == attributes
                                          : active_[k].summary == summary;
      if (active_[k].name == name && identical) {
        ++same;
        earliest = k;
      }
    }
    // (Checked first: the parser, not seeing a dropped tag, keeps the entry that it would have replaced.)
    const size_t listed = active_.size() - marker - (same >= 3 ? 1 : 0);
    if (listed >= kMaxActiveFormatting && !name.Is("a")) return false;  // (a link stays one)
    if (same >= 3) ListErase(earliest);
    Active entry;
    entry.name = name;
    entry.attributes = attributes;
    entry.summary = summary;
    ListPush(entry);
    return true;
  }

  // The index after the list's last marker (0 if it has none).
  // True if the list holds `n` markers or more. (Between two markers there are at most kMaxActiveFormatting
  // entries, so this looks at a bounded number of them.)
  bool HasMarkers(size_t n) const {
    size_t found = 0;
    for (size_t k = active_.size(); k-- > 0 && found < n;) found += active_[k].marker;
    return found >= n;
  }

  size_t LastMarker() const {
    size_t k = active_.size();
    while (k > 0 && !active_[k - 1].marker) --k;
    return k;
  }

  // The list's changes, logged as the open elements' are (Begin) and undone with them (Rollback).
  struct ListUndo {
    enum Kind : uint8_t { kErased, kPushed, kInserted, kId } kind = kPushed;
    uint32_t at = 0;
    Active entry;  // kErased: the entry; kId: the entry before its id changed
  };

  void ListErase(size_t k) {
    if (logging_) list_undo_.push_back({ListUndo::kErased, static_cast<uint32_t>(k), active_[k]});
    active_.erase(active_.begin() + static_cast<long>(k));
  }

  void ListPush(const Active& entry) {
    if (logging_) list_undo_.push_back(ListUndo());
    active_.push_back(entry);
  }

  void ListInsert(size_t k, const Active& entry) {
    if (logging_) list_undo_.push_back({ListUndo::kInserted, static_cast<uint32_t>(k), entry});
    active_.insert(active_.begin() + static_cast<long>(k), entry);
  }

  void ListSetId(size_t k, uint32_t id) {
    if (logging_) list_undo_.push_back({ListUndo::kId, static_cast<uint32_t>(k), active_[k]});
    active_[k].id = id;
  }

  // The parser's "reconstruct the active formatting elements", before text and text-level start tags: the
  // entries of the list after the newest one still open are opened again, nested. They are elements the markup
  // does not show, so they are counted here for Options::max_elements ("<p><b><i>...</p>" and then "<p>x" 200 000
  // times, 800 KB, made 3.6 million elements in Gumbo and 836 MB, under a count of 200 000 start tags), and they
  // are depth, past the cap if need be: the parser creates them whatever the markup says.
  // Text re-creates formatting elements (Reconstruct) where the parser reads it as HTML: not in MathML, but in its
  // text integration points and in an <annotation-xml> that holds HTML.
  // In a column group that is the current node, white space (`blank`) goes in as it is, and other text closes it
  // first (CloseColumnGroup).
  void ReconstructBeforeText(bool blank = false) {
    if (InForeign() && (flags_.back() & (kFlagTextPoint | kFlagHtmlPoint)) == 0) return;
    if (SelectAt() != kNone) return;  // text in a <select> goes in as it is
    if (!stack_.empty() && stack_.back().Is("colgroup")) {
      if (blank) return;
      PopBack();
    }
    Reconstruct();
  }

  // Closes a column group that is the current node: the parser reads in the table what it holds no more.
  void CloseColumnGroup() {
    if (!stack_.empty() && stack_.back().Is("colgroup")) PopBack();
  }

  void Reconstruct() {
    for (size_t k = active_.size() - Pending(); k < active_.size(); ++k) {
      Push(active_[k].name);
      ListSetId(k, ids_.back());
      ++out_.elements;
    }
  }

  // The entries of the list Reconstruct would open now: those after the newest whose element is still open, or the
  // last marker. By identity, not by name: an outer <b> still open says nothing of an inner one a block closed.
  size_t Pending() const {
    size_t k = active_.size();
    while (k > 0 && !active_[k - 1].marker && open_formatting_.count(active_[k - 1].id) == 0) --k;
    return active_.size() - k;
  }

  // The index of the list's entry for open element `id`, or -1.
  long ListIndexOf(uint32_t id) const {
    for (size_t k = active_.size(); k-- > 0;)
      if (!active_[k].marker && active_[k].id == id) return static_cast<long>(k);
    return -1;
  }

  // Gumbo 0.10.1's adoption agency for formatting element `name` (its end tag, or a new <a> or <nobr>): the newest
  // entry of that name after the last marker leaves the list. If its element is closed, nothing else happens (in
  // "<s><v><x><u><s><b><i></u></s>", the "</s>" closes neither <s>); if it is out of scope (a table or a cell
  // nearer), nothing at all. With no special element (a block) above it, the element closes with what it holds.
  // Otherwise the parser moves the first block above it, with what it holds, out of it, into the element below
  // it, under copies of up to three formatting elements between, and puts a new copy of the element in the block
  // around the block's content ("<b><div>x</b>" leaves the <div> open, and that repeated nests one level deeper
  // each time: 20 000 of them took 4.5 s in Gumbo, whose adoption agency is linear in the depth); then again for
  // the next block above, up to 8 times. Elements between that are not on the list leave the stack; listed ones
  // past the third leave the list and, in Gumbo 0.10.1, stay open where they were in the tree. The tree depths
  // follow (depth_): the copies are a chain under the element below, and the block, and all above it, move with
  // it, deeper or shallower: "<b><i><u><s><em><div>x</b></i></u></s></em>" repeated nests 3 deeper in the tree
  // each time, 1 deeper on the stack. Where that would take a subtree past the cap (peak_), nothing is done, and
  // kAbandoned tells the caller to drop the tag.
  enum class Adoption { kNoEntry, kDone, kAbandoned };
  Adoption AdoptionAgency(const Name& name) {
    const bool was_logging = logging_;
    if (!logging_) {
      logging_ = true;
      undo_.clear();
      list_undo_.clear();
    }
    const size_t undo_mark = undo_.size(), list_mark = list_undo_.size();
    Adoption result = Adoption::kDone;
    for (int round = 0; round < 8; ++round) {
      size_t e = active_.size();
      while (e > 0 && !active_[e - 1].marker && !(active_[e - 1].name == name)) --e;
      if (e == 0 || active_[e - 1].marker) {
        if (round == 0) result = Adoption::kNoEntry;
        break;
      }
      --e;
      const uint32_t id = active_[e].id;
      if (open_formatting_.count(id) == 0) {
        ListErase(e);
        break;
      }
      // The whole stack is searched, as the parser does: a formatting element more than 64 elements down, left
      // alone, made the model go on unlike the parser (3 levels short on a fuzzed page). (A listed element is
      // searched for once per end tag: each round moves or closes it.)
      size_t k = stack_.size();
      for (size_t j = stack_.size(); j-- > 0 && k == stack_.size();)
        if (ids_[j] == id) k = j;
      // Out of scope, the parser ignores the tag, and the element stays open and listed ("<div><b><table></b>
      // </table></div>" repeated left each <b> to be re-created before every later text: 4.5 million elements
      // from 122 KB when the model took it off). Gumbo 0.10.1 asks for an element of that name in scope, not for
      // this one: an <i> kept open off the list in a table puts an <i> listed outside it in scope.
      bool in_scope = false;
      for (size_t j = stack_.size(); j-- > 0 && !in_scope;) {
        if (stack_[j] == name) in_scope = true;
        else if (Bounds(flags_[j], EndScope::kDefault)) break;
      }
      if (k == stack_.size() || !in_scope) break;  // left open and listed
      size_t fb = k + 1;
      while (fb < stack_.size() && (flags_[fb] & kFlagSpecial) == 0) ++fb;
      if (fb == stack_.size()) {
        if (!ClosingFits(k)) {
          result = Adoption::kAbandoned;
          RollbackTo(undo_mark, list_mark);
          break;
        }
        Truncate(k);
        const long at = ListIndexOf(id);
        if (at >= 0) ListErase(static_cast<size_t>(at));
        break;
      }
      if (!AdoptionRound(k, e, fb)) {
        result = Adoption::kAbandoned;
        RollbackTo(undo_mark, list_mark);
        break;
      }
    }
    if (!was_logging) {
      logging_ = false;
      undo_.clear();
      list_undo_.clear();
    }
    return result;
  }

  // One round of the adoption agency for the formatting element at stack_[k], listed at active_[entry], with the
  // block at stack_[fb] (AdoptionAgency). False if a subtree would go past the cap (the caller undoes the rest).
  bool AdoptionRound(size_t k, size_t entry, size_t fb) {
    const uint32_t below = k > 0 ? depth_[k - 1] : 0;  // the depth of the element below: the "common ancestor"
    // What stays in the tree where it was keeps its depth below that element (peak_, for later moves).
    uint32_t left_peak = 0;
    for (size_t j = k; j < fb; ++j) left_peak = std::max(left_peak, peak_[j]);
    size_t bookmark = entry + 1;
    bool cloned = false;
    uint32_t copies = 0;
    int j = 0;
    for (size_t node = fb; node-- > k + 1;) {
      ++j;
      const long listed = ListIndexOf(ids_[node]);
      if (j > 3 && listed >= 0) {  // off the list, open where it was (Gumbo 0.10.1)
        ListErase(static_cast<size_t>(listed));
        if (static_cast<size_t>(listed) < bookmark) --bookmark;
        continue;
      }
      if (listed < 0) {
        EraseElement(node);
        --fb;
        continue;
      }
      const uint32_t copy = ++next_id_;  // a copy takes its place, on the stack and the list
      ListSetId(static_cast<size_t>(listed), copy);
      SetElement(node, copy, 0, 0);
      if (!cloned) bookmark = static_cast<size_t>(listed) + 1;
      cloned = true;
      ++copies;
      ++out_.elements;
    }
    // The copies, now just below the block, are a chain under the element below the formatting element; the
    // block goes under them, and what it held under the new formatting element in it.
    for (uint32_t c = 0; c < copies; ++c) {
      const size_t at = fb - copies + c;
      SetElement(at, ids_[at], below + 1 + c, below + 1 + c);
    }
    const uint32_t block = below + 1 + copies;
    const long shift = static_cast<long>(block) + 1 - static_cast<long>(depth_[fb]);  // for what the block held
    uint32_t moved_peak = block + 1;
    for (size_t a = fb + 1; a < stack_.size(); ++a) {
      const uint32_t d = static_cast<uint32_t>(static_cast<long>(depth_[a]) + shift);
      const uint32_t pk = static_cast<uint32_t>(static_cast<long>(peak_[a]) + shift);
      SetElement(a, ids_[a], d, pk);
      moved_peak = std::max(moved_peak, pk);
    }
    if (peak_[fb] > depth_[fb])
      moved_peak = std::max(moved_peak, static_cast<uint32_t>(static_cast<long>(peak_[fb]) + shift));
    if (shift > 0 && moved_peak > max_depth_) return false;
    SetElement(fb, ids_[fb], block, moved_peak);
    if (k > 0) SetElement(k - 1, ids_[k - 1], depth_[k - 1], std::max(peak_[k - 1], left_peak));
    // The formatting element leaves the stack and the list; its new copy goes in the block, on the stack just
    // after it and on the list at the bookmark.
    Active formatting = active_[entry];
    if (entry < bookmark) --bookmark;
    ListErase(entry);
    const Name element = stack_[k];
    const uint32_t element_flags = flags_[k];
    EraseElement(k);
    --fb;
    formatting.id = ++next_id_;
    InsertElement(fb + 1, element, element_flags, block + 1, moved_peak, formatting.id);
    ListInsert(bookmark, formatting);
    ++out_.elements;
    return true;
  }

  // A start tag's changes to the open elements and the list of active formatting elements are logged while the
  // model is near the cap (Begin), so that they can be undone if the tag is dropped there (Rollback), and so are
  // the adoption agency's (AdoptionAgency). Far from the cap no start tag is dropped, and nothing is logged for
  // one: the log holds what one tag did, at most 64 pops (CloseP, PopTo, CloseListItem search no deeper), the
  // MathML elements a breakout closes, bounded by the cap, or an adoption agency's 8 rounds among 64 elements.
  struct Undo {
    enum Kind : uint8_t { kPushed, kPopped, kErased, kInserted, kSet, kFlags } kind = kPushed;
    uint32_t at = 0;  // the element's index (all but kPushed)
    Name name;
    uint32_t flags = 0;
    uint32_t depth = 0;
    uint32_t peak = 0;
    uint32_t id = 0;
    bool open_formatting = false;
  };

  Undo Saved(Undo::Kind kind, size_t k) const {
    Undo u;
    u.kind = kind;
    u.at = static_cast<uint32_t>(k);
    u.name = stack_[k];
    u.flags = flags_[k];
    u.depth = depth_[k];
    u.peak = peak_[k];
    u.id = ids_[k];
    u.open_formatting = open_formatting_.count(ids_[k]) != 0;
    return u;
  }

  // Starts logging the changes of start tag `name` if it could be dropped: one is dropped only where the depth
  // after its implied end tags, with up to two implied table parts and the formatting elements re-created for it
  // or pending (each at most the list's length after its last marker), reaches the cap, where an adoption agency
  // for it would go past the cap (AdoptionAgency, which logs for itself), or where it is a formatting element and
  // the list is full (StartFormatting). (The formatting elements re-created before such a one, unlogged, stayed
  // open in the model, while the parser, not seeing the tag, re-created them later, elsewhere: a "</b>" then
  // closed one of them, with all above it, in the model only.)
  void Begin(const Name& name) {
    // A table part may close a caption or cell first, and with it their marker: the formatting elements listed
    // before that marker are then pending too. (Only those after the last marker counted: a <th> in a caption,
    // dropped at the cap, left the caption closed in the model while the parser kept it open, and tables then
    // nested in captions past the cap, 2 levels a time.)
    const size_t listed = IsTablePart(name) ? active_.size() : active_.size() - LastMarker();
    logging_ = Depth() + 2 * listed + 8 >= max_depth_ || (IsFormatting(name) && listed + 1 >= kMaxActiveFormatting);
    if (logging_) {
      undo_.clear();
      list_undo_.clear();
    }
  }

  // Undoes what the current start tag did (Begin); false if nothing was logged.
  bool Rollback() {
    if (!logging_) return false;
    RollbackTo(0, 0);
    logging_ = false;
    return true;
  }

  // Undoes the logged changes after the first `undo_mark` of the stack's and `list_mark` of the list's.
  void RollbackTo(size_t undo_mark, size_t list_mark) {
    const bool was_logging = logging_;
    logging_ = false;
    for (size_t u = undo_.size(); u-- > undo_mark;) {
      const Undo& e = undo_[u];
      const auto at = static_cast<long>(e.at);
      switch (e.kind) {
        case Undo::kPushed:  // (a marker it put on the list goes with the list's changes, below)
        case Undo::kInserted:
          RemoveElement(e.kind == Undo::kPushed ? stack_.size() - 1 : e.at, /*fold=*/false);
          break;
        case Undo::kFlags:  // a template decided (DecideTemplate)
          flags_[e.at] = e.flags;
          ++undecided_templates_;
          break;
        case Undo::kSet:
          open_formatting_.erase(ids_[e.at]);
          ids_[e.at] = e.id;
          depth_[e.at] = e.depth;
          peak_[e.at] = e.peak;
          if (e.open_formatting) open_formatting_.insert(e.id);
          break;
        case Undo::kPopped:
        case Undo::kErased:
          stack_.insert(stack_.begin() + at, e.name);
          flags_.insert(flags_.begin() + at, e.flags);
          depth_.insert(depth_.begin() + at, e.depth);
          peak_.insert(peak_.begin() + at, e.peak);
          ids_.insert(ids_.begin() + at, e.id);
          if (e.open_formatting) open_formatting_.insert(e.id);
          CountTemplate(e.flags, 1);
          break;
      }
    }
    undo_.resize(undo_mark);
    for (size_t u = list_undo_.size(); u-- > list_mark;) {
      const ListUndo& e = list_undo_[u];
      if (e.kind == ListUndo::kPushed) {
        active_.pop_back();
      } else if (e.kind == ListUndo::kInserted) {
        active_.erase(active_.begin() + static_cast<long>(e.at));
      } else if (e.kind == ListUndo::kErased) {
        active_.insert(active_.begin() + static_cast<long>(e.at), e.entry);
      } else {
        active_[e.at] = e.entry;
      }
    }
    list_undo_.resize(list_mark);
    logging_ = was_logging;
  }

  // Keeps count of the open tables and templates, and of the templates still undecided (DecideTemplate), as one
  // opens (+1) or closes.
  void CountTemplate(uint32_t flags, int delta) {
    if ((flags & kFlagTable) != 0) open_tables_ += delta;
    if ((flags & kFlagTemplate) == 0) return;
    open_templates_ += delta;
    if ((flags & (kFlagTemplateParts | kFlagTemplateBody)) == 0) undecided_templates_ += delta;
  }

  // The current node's depth in the tree the parser builds (<html> and <body> not counted).
  size_t Depth() const { return depth_.empty() ? 0 : depth_.back(); }

  // Pushes an element; `attributes` (the start tag's text after its name) tell an <annotation-xml> that holds HTML.
  void Push(const Name& name, std::string_view attributes = {}) {
    uint32_t flags = FlagsOf(name);
    if (name.foreign && RawIs(name, "annotation-xml")) {
      std::string_view encoding;
      if (AttributeValue(attributes, "encoding", &encoding) &&
          (EqualsLower(encoding, "text/html") || EqualsLower(encoding, "application/xhtml+xml")))
        flags |= kFlagHtmlPoint;
    }
    if ((flags & kFlagMarker) != 0) {
      Active marker;
      marker.marker = true;
      ListPush(marker);
    }
    const auto depth = static_cast<uint32_t>(Depth() + 1);
    InsertElement(stack_.size(), name, flags, depth, depth, ++next_id_);
    if (Depth() > out_.max_depth_seen) out_.max_depth_seen = Depth();
  }

  void PopBack() { Truncate(stack_.size() - 1); }

  // Pops the current node, leaving the list as it is.
  void PopNode() {
    if (logging_) undo_.push_back(Saved(Undo::kPopped, stack_.size() - 1));
    RemoveElement(stack_.size() - 1, /*fold=*/true);
  }

  // The parser's "clear the list of active formatting elements up to the last marker": what followed it leaves,
  // with the marker.
  void ClearToLastMarker() {
    while (!active_.empty() && !active_.back().marker) ListErase(active_.size() - 1);
    if (!active_.empty()) ListErase(active_.size() - 1);
  }

  // Takes the element at stack_[k] off the stack, leaving the list as it is; with `fold`, the deepest depth under
  // it (peak_) goes to the element below, in whose subtree it stays. (Undone by RollbackTo: the fold, only ever
  // raising an upper bound, is not.)
  void RemoveElement(size_t k, bool fold) {
    const auto at = static_cast<long>(k);
    CountTemplate(flags_[k], -1);
    if (fold && k > 0) peak_[k - 1] = std::max(peak_[k - 1], peak_[k]);
    open_formatting_.erase(ids_[k]);
    if (k + 1 == stack_.size()) {  // (the usual case, the current node)
      stack_.pop_back();
      flags_.pop_back();
      depth_.pop_back();
      peak_.pop_back();
      ids_.pop_back();
      return;
    }
    stack_.erase(stack_.begin() + at);
    flags_.erase(flags_.begin() + at);
    depth_.erase(depth_.begin() + at);
    peak_.erase(peak_.begin() + at);
    ids_.erase(ids_.begin() + at);
  }

  // Takes the element at stack_[k] off the stack, from under others (the adoption agency, which folds its peak_).
  void EraseElement(size_t k) {
    if (logging_) undo_.push_back(Saved(Undo::kErased, k));
    RemoveElement(k, /*fold=*/false);
  }

  void InsertElement(size_t k, const Name& name, uint32_t flags, uint32_t depth, uint32_t peak, uint32_t id) {
    const auto at = static_cast<long>(k);
    if (k == stack_.size()) {  // (the usual case, a push)
      stack_.push_back(name);
      flags_.push_back(flags);
      depth_.push_back(depth);
      peak_.push_back(peak);
      ids_.push_back(id);
    } else {
      stack_.insert(stack_.begin() + at, name);
      flags_.insert(flags_.begin() + at, flags);
      depth_.insert(depth_.begin() + at, depth);
      peak_.insert(peak_.begin() + at, peak);
      ids_.insert(ids_.begin() + at, id);
    }
    CountTemplate(flags, 1);
    if (IsFormatting(name)) open_formatting_.insert(id);
    if (logging_) {
      Undo u;
      u.kind = k + 1 == stack_.size() ? Undo::kPushed : Undo::kInserted;
      u.at = static_cast<uint32_t>(k);
      undo_.push_back(u);
    }
  }

  // Gives the element at stack_[k] an id (a copy of it replaces it: the adoption agency), a depth and a peak.
  void SetElement(size_t k, uint32_t id, uint32_t depth, uint32_t peak) {
    if (logging_) undo_.push_back(Saved(Undo::kSet, k));
    if (ids_[k] != id && open_formatting_.erase(ids_[k]) > 0) open_formatting_.insert(id);
    ids_[k] = id;
    depth_[k] = depth;
    peak_[k] = peak;
  }

  // False if closing stack_[k] and all above it would leave the formatting elements it closes to be re-created
  // past the cap: at the depth of the element below it, which after the adoption agency can be deeper than the
  // closed ones ("</div>" under <i>s an adoption left open deep in the tree: the text after it went a level past
  // the slack on a fuzzed page). Such an end tag is dropped, as a start tag is at the cap. (Pending entries are
  // counted as Pending does, those of the closed elements as closed; bounded by the list after its last marker.)
  bool ClosingFits(size_t k) const {
    const size_t below = k > 0 ? depth_[k - 1] : 0;
    if (below + (active_.size() - LastMarker()) <= max_depth_) return true;  // (the usual case, at once)
    size_t pending = 0;
    for (size_t e = active_.size(); e-- > 0; ++pending) {
      if (active_[e].marker) break;
      if (open_formatting_.count(active_[e].id) == 0) continue;
      bool closing = false;
      for (size_t j = k; j < stack_.size() && !closing; ++j) closing = ids_[j] == active_[e].id;
      if (!closing) break;
    }
    return below + pending <= max_depth_;
  }

  // Pops everything from stack_[k] on. If that closes a cell, a caption or a template, the list is cleared up to
  // its last marker, once: the parser closes one with all it holds, and clears once. ("<td><b><marquee><tr>"
  // leaves the <b> and the cell's marker on the list: the <b> comes back before the text after it, 9 levels
  // missed on a fuzzed page.) An <applet>, <marquee> or <object> clears it at its end tag only (CloseTag): put
  // before a table and closed with it, it leaves its marker and what follows.
  void Truncate(size_t k) {
    bool clears = false;
    while (stack_.size() > k) {
      clears = clears || (flags_.back() & kFlagClosesCell) != 0;
      PopNode();
    }
    if (clears) ClearToLastMarker();
  }

  // Pops the stack down to and including the nearest `name`, without passing a `stop` element; true if found.
  bool PopTo(const Name& name, std::initializer_list<const char*> stops) {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;  // among the 64 innermost, as in CloseTag
    for (size_t k = stack_.size(); k-- > limit;) {
      if (stack_[k] == name) {
        Truncate(k);
        return true;
      }
      for (const char* s : stops)
        if (stack_[k].Is(s)) return false;
    }
    return false;
  }

  static Name Make(const char* s) {
    Name n;
    n.len = static_cast<unsigned char>(std::strlen(s));
    std::memcpy(n.s.data(), s, n.len);
    return n;
  }

  // Records a start tag that the parser reads as HTML (StartsForeign); returns whether to keep it.
  bool Open(const Name& name, bool self_closing, std::string_view attributes) {
    DecideTemplate(name);
    // A <col> in a table closes what is open in it (its cells, rows, sections, caption, and what the parser put
    // before the table: formatting elements that come back before the next text) and opens a column group for it,
    // a level ("<table><col><template>" puts the template in it). (Taken for a void element and nothing more, it
    // left a cell open, whose marker hid from the model the formatting elements opened after the <col>.)
    // In a template of table parts, what Gumbo 0.10.1 does with it depends on the template's insertion mode
    // there, which the model does not follow (it closes a template's cell and makes no column group, but is
    // ignored after "</table>" has closed a row...): the tag is dropped, unless the template holds columns.
    if (name.Is("col")) {
      const size_t k = NearestTableElement();
      if (k == stack_.size() || stack_[k].Is("html") || stack_[k].Is("colgroup")) return true;
      size_t t = k;
      const uint32_t kind = TemplateHolding(k, &t);
      if (!stack_[t].Is("table")) return kind == kFlagTemplateColumns;
      Truncate(t + 1);
      if (Depth() >= max_depth_) {
        out_.depth_capped = true;
        return false;
      }
      Push(Make("colgroup"));  // the current node until a tag other than <col> or <template> comes (HtmlStartTag)
      ++out_.elements;
      return true;
    }
    // Void elements never nest, so they never count against the cap (a <br> in flattened text still breaks it).
    if (IsVoid(name)) return true;
    // <html>, <head> and <body> are there from the start whatever the markup says, and a later one is ignored
    // (its attributes go to the first): none is depth here. ("<p><b><html><em></p>" kept the <em> open in the
    // model behind an <html> it pushed, while the parser closed it and re-created it before each "<p>x" after:
    // 308 elements where 54 were counted.) The slack for them is the caller's (see prescan.h).
    if (name.Is("html") || name.Is("head") || name.Is("body")) return true;
    // Table parts outside a table are ignored by the parser (a <tr> the model opened there would later close
    // every element opened after it, when the next <tr> pops to it).
    if (IsTablePart(name)) {
      const TableContext context = TablePartContext();
      if (context == TableContext::kNone) return true;
      if (context == TableContext::kUnknown) return false;  // dropped
    }
    // In a caption, a table part first closes the caption, with what it holds.
    if (IsTablePart(name)) {
      const size_t k = NearestTableElement();
      if (k < stack_.size() && stack_[k].Is("caption")) Truncate(k);
    }
    // "/>" closes an element only in foreign content (<svg>, <math>; <svg> bodies are emptied above). On an HTML
    // element the parser ignores it, so "<div/>" opens a <div> that is never closed, and 100 000 of them nest
    // 100 000 deep: 74 s in Gumbo before they counted here.
    if (self_closing && (name.Is("svg") || name.Is("math"))) return true;
    // Start tags that close an open element of their kind instead of nesting in it (the parser's adoption agency
    // for <a> and <nobr>, in Tag, and its rules for <button> and headings); "<a name=x/>" anchors, 600 on an old FAQ
    // page, otherwise counted as 600 levels and hit the cap. A <form> inside a <form> is ignored.
    if (name.Is("button")) {
      // (A <button> in scope: cells, tables and the like bound it, and so do MathML's <mi>, <mtext>...: the
      // model, passing through an <mtext>, closed an outer button and all it held, 11 levels short.)
      const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
      for (size_t k = stack_.size(); k-- > limit;) {
        if (stack_[k] == name) {
          Truncate(k);
          break;
        }
        if (Bounds(flags_[k], EndScope::kDefault)) break;
      }
      Reconstruct();
    }
    // (Whether a template is open is known whatever its depth: a template under 64 elements let "<form>"s nest
    // uncounted, 12 levels past the cap on a fuzzed page.) Outside templates, the parser keeps a pointer to the
    // form it opened (form_id_), closed or not, and ignores a <form> while it is set.
    if (name.Is("form") && open_templates_ == 0 && form_id_ != 0) return true;  // in a template, it nests
    // In a table (outside its cells), the parser puts a <form> in the table and closes it at once: it closes no
    // <p> and holds nothing ("<p><table><x><form>" left the <p> open in the parser, and closed in the model). With
    // a template open, it ignores it. Straight in a template of table parts, whose insertion mode the model does
    // not follow that far, it is dropped (the parser ignored one that the model nested, 4 levels short).
    if (name.Is("form")) {
      const size_t k = NearestTableElement();
      if (k < stack_.size() && (stack_[k].Is("table") || stack_[k].Is("tbody") || stack_[k].Is("thead") ||
                                stack_[k].Is("tfoot") || stack_[k].Is("tr"))) {
        if (open_templates_ == 0) form_id_ = ++next_id_;  // (an id no open element has)
        return true;
      }
      if (k < stack_.size() && stack_[k].Is("template") && (flags_[k] & kFlagTemplateParts) != 0) return false;
    }
    // Implied end tags, so that ordinary unclosed <p>, <li> and table cells do not count as depth.
    // In quirks mode (no "<!DOCTYPE html>"), a <table> opens inside an open <p> rather than closing it.
    // A <table> straight in a template of table parts is ignored (below), and closes no <p> either. So is one
    // in a row or section of such a template, whatever holds it there: the parser is still in its row or
    // section mode, and finds no table to close ("<template><tr>" then "<div><table>x<em>" repeated nests two
    // levels a time in the parser, where the model put each <div> beside a table it had opened: 602 deep
    // under a cap of 400).
    if (name.Is("table")) {
      const size_t k = NearestTableElement();
      if (k < stack_.size() && stack_[k].Is("template") && (flags_[k] & kFlagTemplateParts) != 0) return true;
      if (k < stack_.size() && (stack_[k].Is("tr") || stack_[k].Is("tbody") || stack_[k].Is("thead") ||
                                stack_[k].Is("tfoot"))) {
        size_t t = 0;
        if (TemplateHolding(k, &t) != 0) return true;
      }
      // With no table element among the 64 innermost but a template open deeper, the model cannot tell a row
      // or section mode, where the parser ignores the <table>, from a body, where it nests: dropped (the model
      // nested it, and put what followed beside it, 2 levels short a time: 602 deep under a cap of 400).
      if (k == stack_.size() && open_templates_ > 0) return false;
    }
    if (ClosesP(name) && !(quirks_ && name.Is("table"))) CloseP();
    // A heading closes a heading that is the current node once the <p> is closed: "<h1><p><a><h1>" makes the two
    // siblings (the model, looking first, nested them, and a stray "</h1>" later closed the outer one in the model
    // only).
    if (IsHeading(name) && !stack_.empty() && IsHeading(stack_.back())) PopBack();
    if (name.Is("li")) CloseListItem({"li"});
    if (name.Is("dt") || name.Is("dd")) CloseListItem({"dd", "dt"});
    if (name.Is("td") || name.Is("th")) {
      if (!PopTo(Make("td"), {"tr", "table", "template"})) PopTo(Make("th"), {"tr", "table", "template"});
    }
    if (name.Is("tr")) PopTo(Make("tr"), {"table", "tbody", "thead", "tfoot", "template"});
    // (An <option> or <optgroup> closes only an <option> that is the current node, in HtmlStartTag, before the
    // formatting elements are re-created: "<option><div><option>" nests, and 20 000 of them took 21 s in Gumbo
    // before this followed the parser; the model kept the <option> open under an <optgroup>, and a later
    // "</option>" closed both, and all in them, in the model only.)
    // The table parts the parser adds: a <tbody> around a <tr> put straight in a <table>, and a <tr> too around
    // a cell ("<table><td><table><td>..." nests four deep per cycle, not two).
    // Judged by the nearest table element open, not the current node: what a table holds outside its cells
    // (an unknown element, say) is moved before the table, and the row or cell goes into the table all the same.
    const bool cell = name.Is("td") || name.Is("th");
    const Name* nearest = nullptr;
    size_t nearest_at = stack_.size();
    if (IsTablePart(name) || name.Is("table")) {
      const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
      for (size_t k = stack_.size(); k-- > limit && nearest == nullptr;) {
        const Name& n = stack_[k];
        if (IsTablePart(n) || n.Is("table") || n.Is("template") || n.Is("html")) {
          nearest = &n;
          nearest_at = k;
        }
      }
    }
    // In a template of table parts, the template stands for the table element its first one implied: a table, a
    // table body, a row or a column group; the table parts that would close that element are ignored (no such
    // element is open for them to close), after closing the cell and row they are in ("<template><td><thead>
    // <b>...<tr>" ignores both: the model opened the section in the cell, and the row closed what followed it).
    const uint32_t template_kind =
        nearest != nullptr && nearest->Is("template") ? flags_[nearest_at] & kFlagTemplateParts : 0;
    if (IsTablePart(name) && template_kind != 0) {
      if (template_kind == kFlagTemplateColumns) return true;
      if (template_kind == kFlagTemplateCells && !cell) return true;
      if (template_kind == kFlagTemplateRows && !cell && !name.Is("tr")) return true;
    }
    if (IsTablePart(name) && !cell && nearest != nullptr && (nearest->Is("td") || nearest->Is("th") ||
                                                             nearest->Is("tr"))) {
      size_t t = 0;
      const uint32_t below = TemplateHolding(nearest_at, &t);
      if (below == kFlagTemplateCells || (below == kFlagTemplateRows && !name.Is("tr"))) {
        Truncate(t + 1);
        return true;
      }
    }
    const bool in_table =
        nearest != nullptr && (nearest->Is("table") || template_kind == kFlagTemplateTable);
    const bool in_section = nearest != nullptr && (nearest->Is("tbody") || nearest->Is("thead") ||
                                                   nearest->Is("tfoot") || template_kind == kFlagTemplateRows);
    const size_t implied = (name.Is("tr") && in_table) ? 1 : cell && in_table ? 2 : cell && in_section ? 1 : 0;
    // The parser first clears the stack back to the table (or its section or row): what a table holds outside
    // its cells closes (formatting elements there are re-created before the next text, as elements of their own:
    // "<table><b><em><tr>x<tr>x..." makes two per row).
    bool in_table_body =
        in_table || in_section || (nearest != nullptr && (nearest->Is("tr") || template_kind == kFlagTemplateCells));
    size_t clear_to = nearest_at + 1;
    // A caption, column group or section opened in a cell or row closes them first and goes into the table.
    if ((name.Is("caption") || name.Is("colgroup") || name.Is("tbody") || name.Is("thead") || name.Is("tfoot")) &&
        nearest != nullptr && !nearest->Is("table") && !nearest->Is("template") && !nearest->Is("html")) {
      size_t t = nearest_at;
      while (t > 0 && !stack_[t].Is("table") && !stack_[t].Is("template")) --t;
      if (stack_[t].Is("table") || (stack_[t].Is("template") && (flags_[t] & kFlagTemplateTable) != 0)) {
        clear_to = t + 1;
        in_table_body = true;
      }
    }
    // A <table> straight in a table (not in a cell) closes that table first, and becomes its sibling. Straight in
    // a template of rows or cells (no table in the template), the parser ignores it: the model nested it, and
    // closed it with all it held at the next one (22 levels short on a fuzzed page).
    if (name.Is("table") && template_kind != 0) return true;
    if (name.Is("table") && in_table_body) {
      clear_to = nearest_at;
      while (clear_to > 0 && !stack_[clear_to].Is("table") && !stack_[clear_to].Is("template")) --clear_to;
      if (!stack_[clear_to].Is("table")) return true;  // no table in table scope
    }
    const bool clears = in_table_body && clear_to < stack_.size();
    size_t base = Depth();  // the depth of the element to which the stack is cleared
    std::vector<uint32_t> cleared_ids;
    if (clears) {
      base = clear_to > 0 ? depth_[clear_to - 1] : 0;
      for (size_t k = clear_to; k < stack_.size(); ++k) cleared_ids.push_back(ids_[k]);
    }
    // Room is kept for the formatting elements the next text will re-create (Reconstruct), which cannot be
    // dropped: without it, "<div>" at the cap then text nested them up to 16 past it.
    size_t newest_open = active_.size();  // as in Pending, with what the clearing closes counted as closed
    while (newest_open > 0 && !active_[newest_open - 1].marker &&
           (open_formatting_.count(active_[newest_open - 1].id) == 0 ||
            std::find(cleared_ids.begin(), cleared_ids.end(), active_[newest_open - 1].id) != cleared_ids.end()))
      --newest_open;
    const size_t pending = active_.size() - newest_open;
    if (base + implied + pending >= max_depth_) {
      out_.depth_capped = true;
      ++dropped_;
      return false;
    }
    if (clears) Truncate(clear_to);
    if (implied == 2 || (implied == 1 && in_table)) Push(Make("tbody"));
    if (cell && implied > 0) Push(Make("tr"));
    Name element = name;
    element.foreign = name.Is("math");  // a MathML element, in which the parser reads MathML (StartsForeign)
    const uint32_t select_context = name.Is("select") ? SelectContext() : 0;
    Push(element, attributes);
    flags_.back() |= select_context;
    if (name.Is("form") && open_templates_ == 0) form_id_ = ids_.back();
    return true;
  }

  // The parser's "in select" insertion mode: while a <select> (not MathML's) is the current node, or an <option>
  // or <optgroup> in one, the parser takes a few tags only (SelectStartTag, SelectEndTag) and ignores all others,
  // which the pre-scan then drops (kIgnored), so that both do nothing with them; text goes in as it is, without
  // re-created formatting elements. (Read as in a <div>, "<select><table><select><u><h1>..." put the model 6
  // levels short: the parser ignores the <table>, and the second <select> closes the first.) A <title> there is
  // no title, so what follows it is markup to both; the raw-text elements' bodies are dropped as anywhere.
  enum class SelectRule { kIgnored, kDone, kReprocess };
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // The index of the <select> whose insertion mode the parser is in, or kNone.
  size_t SelectAt() const {
    for (size_t k = stack_.size(); k-- > 0 && stack_.size() - k <= 3;) {
      if (stack_[k].Is("select")) return k;
      if (!stack_[k].Is("option") && !stack_[k].Is("optgroup")) break;
    }
    return kNone;
  }

  // kFlagSelectInTable if a <select> opened now is read in "in select in table" mode: if the parser is in a
  // table's insertion mode (in a table, a section, a row, a cell, a caption or a column group), which the nearest
  // table element tells. In a template of table parts, or with none of them among the 64 innermost elements but a
  // table open deeper, the model cannot tell: it takes the select for one not in a table, whose table tags it
  // drops, and the parser then either ignores them or never sees them (SelectStartTag).
  uint32_t SelectContext() const {
    const size_t k = NearestTableElement();
    if (k == stack_.size() || stack_[k].Is("html") || stack_[k].Is("template")) return 0;
    return kFlagSelectInTable;
  }

  static bool IsSelectTablePart(const Name& n) { return n.Is("table") || (IsTablePart(n) && !n.Is("colgroup")); }

  // A start tag in the <select> at stack_[select]. An <option> or <optgroup> opens after closing an <option> (and,
  // for an <optgroup>, an <optgroup>) that is the current node; a <select> closes the select (and is ignored);
  // an <input>, <keygen> or <textarea> closes it and is read again as outside it (kReprocess), and so are a
  // <table> and a table part other than <colgroup> in a select read in a table's mode (SelectContext).
  SelectRule SelectStartTag(const Name& name, size_t select) {
    if (name.Is("option") || name.Is("optgroup")) {
      size_t keep = stack_.size();
      if (stack_[keep - 1].Is("option")) --keep;
      if (name.Is("optgroup") && stack_[keep - 1].Is("optgroup")) --keep;
      if (depth_[keep - 1] >= max_depth_) {  // (keep > select: the select stays)
        out_.depth_capped = true;
        ++dropped_;
        return SelectRule::kIgnored;
      }
      Truncate(keep);
      Push(name);
      ++out_.elements;
      return SelectRule::kDone;
    }
    if (name.Is("select")) {
      Truncate(select);
      return SelectRule::kDone;
    }
    if (name.Is("input") || name.Is("keygen") || name.Is("textarea") ||
        (IsSelectTablePart(name) && (flags_[select] & kFlagSelectInTable) != 0)) {
      Truncate(select);
      return SelectRule::kReprocess;
    }
    return SelectRule::kIgnored;
  }

  // An end tag in the <select> at stack_[select]: "</option>" closes an <option> that is the current node,
  // "</optgroup>" an <optgroup> that is, or that holds the current <option>; "</select>" closes the select. In a
  // select read in a table's mode, the end tag of a table or of a table part other than <colgroup> in table scope
  // closes the select and is read again as outside it (kReprocess).
  SelectRule SelectEndTag(const Name& name, size_t select) {
    const size_t top = stack_.size() - 1;
    if (name.Is("option") || name.Is("optgroup")) {
      size_t k = top;
      if (name.Is("optgroup") && stack_[k].Is("option") && stack_[k - 1].Is("optgroup")) --k;
      if (!stack_[k].Is(name.Is("option") ? "option" : "optgroup")) return SelectRule::kIgnored;
      Truncate(k);
      return SelectRule::kDone;
    }
    if (name.Is("select")) {
      Truncate(select);
      return SelectRule::kDone;
    }
    if (!IsSelectTablePart(name) || (flags_[select] & kFlagSelectInTable) == 0) return SelectRule::kIgnored;
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = select; k-- > limit;) {
      if (stack_[k] == name) {
        Truncate(select);
        return SelectRule::kReprocess;
      }
      if (stack_[k].Is("table") || stack_[k].Is("template") || stack_[k].Is("html")) break;
    }
    return SelectRule::kIgnored;
  }

  // The parser's rule for a <li> (`kinds` "li") or a <dd> or <dt> start tag (`kinds` both): the nearest open
  // element of `kinds` closes, unless a special element other than <address>, <div> and <p> is nearer. So a <li>
  // in a table cell nests in the cell even with a <li> open around the table: "<li><table><tr><td><li>..." goes
  // five levels deeper each time (the model popped to the outer <li> before, and 50 000 of them reached a depth of
  // 250 000 in the parser).
  void CloseListItem(std::initializer_list<const char*> kinds) {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;  // among the 64 innermost, as in CloseTag
    for (size_t k = stack_.size(); k-- > limit;) {
      const Name& n = stack_[k];
      for (const char* kind : kinds) {
        if (n.Is(kind)) {
          Truncate(k);
          return;
        }
      }
      if ((flags_[k] & kFlagSpecial) != 0 && !n.Is("address") && !n.Is("div") && !n.Is("p")) return;
    }
  }

  // The parser's "close a p element" for a start tag that closes an open <p>: the <p> and what is open inside it (a
  // <font> around a paragraph's text) close, if the <p> is in button scope. Among the 64 innermost, as in CloseTag.
  // A block above the <p> (which would have closed it when it opened) means the model has lost track: nothing is
  // popped then, so that the model may overestimate the depth, never underestimate it.
  void CloseP() {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      const Name& n = stack_[k];
      if (n.Is("p")) {
        Truncate(k);
        return;
      }
      if ((flags_[k] & (kFlagClosesP | kFlagTableEdge | kFlagScopeEdge | kFlagButton)) != 0) return;
    }
  }

  // Records an end tag other than a formatting element's (those are the adoption agency's, in Tag); returns
  // whether to keep it: one that closes nothing is dropped while start tags dropped at the cap are unmatched.
  bool CloseTag(const Name& name) {
    // Search only the top of the stack: a stray end tag must not cost a walk of a deep stack. An end tag whose
    // element is out of scope, behind a table cell or a table, say, is ignored by the parser, and so here: the
    // model popped through them before, and "</ul>" inside a cell closed an outer list in the model only, so the
    // cap let the parser's tree grow past it (a fuzzed page: 1 028 deep under a cap of 400).
    const EndScope scope = ScopeOf(name);
    const bool unknown = !IsKnownTag(name);
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    bool bounded = false;  // the search stopped at the edge of the end tag's scope
    for (size_t k = stack_.size(); k-- > limit;) {
      // A heading's end tag closes whichever heading is open ("<h2>...</h3>"), and to Gumbo 0.10.1 an unknown
      // tag's end tag closes the nearest unknown element, whatever its name ("<x><y>t</x>" leaves <x> open, and
      // 100 000 of them nested 100 000 deep while the model, popping to the <x>, saw a depth of 2).
      if (stack_[k] == name || (IsHeading(name) && IsHeading(stack_[k])) ||
          (unknown && (flags_[k] & kFlagUnknown) != 0)) {
        if (!ClosingFits(k)) {  // dropped, as a start tag at the cap is
          out_.depth_capped = true;
          return false;
        }
        Truncate(k);
        if (name.Is("applet") || name.Is("marquee") || name.Is("object")) ClearToLastMarker();
        return true;
      }
      if (Bounds(flags_[k], scope)) {
        bounded = true;
        break;
      }
    }
    // A "</table>" for a table open deeper than the 64 innermost elements: the parser closes it, with all above
    // it, where the model cannot see it. Dropped, so that both keep it open; kept, the model took the cells that
    // followed for that table's and cleared back to it, while the parser ignored them and nested what they held
    // ("<table>", 60 elements, "</table>", then "<td><div><option><div><option><div>" x 100: 503 deep under a
    // cap of 400; 30 368 on a fuzzed page).
    if (name.Is("table") && !bounded && limit > 0 && open_tables_ > 0) return false;
    // "</table>" with no table to close (in a template of table parts) still closes the caption, column group,
    // row or section it comes in, and a row's section: the parser reads it as "</caption>", "</tr>"... first.
    // (The model left them open: a formatting element in a caption stayed listed, and its end tag later closed what
    // the parser had put after the caption; a row stayed open, and a later <colgroup> closed in the model only
    // what the parser had put after the row.)
    if (name.Is("table")) {
      size_t close_from = kNone;
      for (size_t k = stack_.size(); k-- > limit;) {  // (by flags: "<div></table>" x 10 MB took 1.35 s by name)
        if ((flags_[k] & kFlagTablePart) != 0) close_from = k;
        else if ((flags_[k] & (kFlagTableEdge | kFlagClosesCell)) != 0) break;  // a table, template, <html>, cell
      }
      if (close_from != kNone) {
        if (!ClosingFits(close_from)) {
          out_.depth_capped = true;
          return false;
        }
        Truncate(close_from);
        return true;
      }
    }
    return KeepUnmatchedEndTag();
  }

  // The parser's "</form>". Outside templates, it clears the form pointer (form_id_), and if that form is open
  // and in scope, takes it off the stack after the implied end tags, leaving what it holds open ("<form><i><u>
  // </form>" leaves <i> and <u> open, which the model closed: 3 levels short on a fuzzed page). In a template,
  // Gumbo 0.10.1 closes the nearest form in scope only if it is the current node after the implied end tags.
  // False if the parser would ignore the end tag (the model has changed nothing then: the tag may be dropped).
  bool CloseForm() {
    const bool in_template = open_templates_ > 0;
    const uint32_t id = form_id_;
    if (!in_template) form_id_ = 0;
    if (!in_template && id == 0) return false;
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    size_t k = stack_.size();
    for (size_t j = stack_.size(); j-- > limit;) {
      if (in_template ? stack_[j].Is("form") : ids_[j] == id) {
        k = j;
        break;
      }
      if (Bounds(flags_[j], EndScope::kDefault)) break;
    }
    if (k == stack_.size()) return !in_template;  // (outside templates, the pointer it cleared is a change)
    static constexpr std::string_view kImplied[] = {"dd", "dt", "li", "optgroup", "option", "p", "rp", "rt"};
    while (stack_.size() > k + 1 && InSorted(kImplied, stack_.back())) PopBack();
    if (in_template) {
      if (stack_.size() == k + 1) PopBack();
      return true;
    }
    if (k > 0) SetElement(k - 1, ids_[k - 1], depth_[k - 1], std::max(peak_[k - 1], peak_[k]));
    EraseElement(k);
    return true;
  }

  // An end tag that closes nothing is dropped while start tags dropped at the cap are unmatched (dropped_).
  bool KeepUnmatchedEndTag() {
    if (dropped_ > 0) {
      --dropped_;
      return false;
    }
    return true;
  }

  // Which elements an end tag cannot close through (the parser's scopes for the end tags it gives one; any
  // other end tag stops at the first special element).
  enum class EndScope { kDefault, kListItem, kButton, kTable, kSpecial, kTemplate };

  static EndScope ScopeOf(const Name& n) {
    // (Gumbo 0.10.1 looks for an <applet>, <marquee> or <object> in table scope, not the default scope: "</object>"
    // closes through an <object>, a <td> or a MathML <mi>, which the model kept open.)
    static const char* const kTable[] = {"table", "tbody",   "thead",  "tfoot",   "tr",    "td",
                                         "th",    "caption", "applet", "marquee", "object"};
    for (const char* t : kTable)
      if (n.Is(t)) return EndScope::kTable;
    if (n.Is("li")) return EndScope::kListItem;
    if (n.Is("template")) return EndScope::kTemplate;  // "</template>" closes the nearest, through anything
    if (n.Is("p")) return EndScope::kButton;
    // (Not <dialog>, which Gumbo 0.10.1 does not know: its end tag closes the nearest unknown element, through no
    // special one. Taken for a block's, "</dialog>" closed an unknown element below a <li> in the model only.)
    static const char* const kDefault[] = {
        "address", "article", "aside", "blockquote", "button", "center", "details", "dir", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu",
        "nav", "ol", "pre", "section", "summary", "ul", "dd", "dt", "form"};
    for (const char* t : kDefault)
      if (n.Is(t)) return EndScope::kDefault;
    if (IsHeading(n) || IsFormatting(n)) return EndScope::kDefault;
    return EndScope::kSpecial;
  }

  // True if an open element of `flags` ends the search of an end tag with scope `scope`.
  static bool Bounds(uint32_t flags, EndScope scope) {
    if ((flags & kFlagTableEdge) != 0) return scope != EndScope::kTemplate;
    switch (scope) {
      case EndScope::kTemplate:
        return false;
      case EndScope::kTable:
        return false;
      case EndScope::kSpecial:
        return (flags & kFlagSpecial) != 0;
      case EndScope::kListItem:
        if ((flags & kFlagListEdge) != 0) return true;
        break;
      case EndScope::kButton:
        if ((flags & kFlagButton) != 0) return true;
        break;
      case EndScope::kDefault:
        break;
    }
    return (flags & kFlagScopeEdge) != 0;
  }

  // True if `s` ("!DOCTYPE html>", from after the '<') is the HTML5 doctype: its name alone, in any case.
  static bool IsHtml5Doctype(std::string_view s) {
    if (s.size() < 9) return false;
    std::string lower;
    for (char c : s) lower.push_back(Lower(c));
    std::string_view v = lower;
    if (v.substr(0, 8) != "!doctype") return false;
    v.remove_prefix(8);
    size_t i = 0;
    while (i < v.size() && IsSpace(v[i])) ++i;
    if (v.substr(i, 4) != "html") return false;
    i += 4;
    while (i < v.size() && IsSpace(v[i])) ++i;
    return v.substr(i) == ">";
  }

  static bool IsTablePart(const Name& n) {
    return n.Is("tr") || n.Is("td") || n.Is("th") || n.Is("tbody") || n.Is("thead") || n.Is("tfoot") ||
           n.Is("caption") || n.Is("colgroup");
  }

  // Whether the parser honours table parts here (kTable): if the nearest <table> or <template> among the 64
  // innermost elements is a table, or a template whose first start tag was a table part (DecideTemplate); in a
  // template whose content began otherwise, the parser reads "<td>" as in a <div>, and ignores it (kNone). If
  // neither is among them but a table is open deeper, the parser's cell closes what is above that table: the
  // model, taking the table part to be in a table, keeps it all open. (It did so with no table open at all
  // before, and a "<td>" closed what the one before had opened, in the model only: 9 levels short on a fuzzed page
  // 66 deep.) With a template open too, the model cannot tell (kUnknown): the caller drops the tag. (A page 70
  // deep in a template of a body in a table took its "<tr>"s for rows, which the parser ignored, and the second
  // closed what followed the first in the model only.)
  enum class TableContext { kNone, kTable, kUnknown };
  TableContext TablePartContext() const {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      if (stack_[k].Is("table")) return TableContext::kTable;
      if (stack_[k].Is("template"))
        return (flags_[k] & kFlagTemplateParts) != 0 ? TableContext::kTable : TableContext::kNone;
    }
    if (open_tables_ == 0) return TableContext::kNone;
    return open_templates_ > 0 ? TableContext::kUnknown : TableContext::kTable;
  }

  // The parser reads a template's content in the "in template" insertion mode until its first start tag (other
  // than those it reads as in <head>), which picks the mode for the rest: rows and cells for a table part, a
  // body's for any other. Sets the nearest template's flags, if it is still undecided. (Table parts in a template
  // whose content began with "<r>" were taken as rows and cells: "<template><r><td><e><td>" closed the <e> in
  // the model only, and a fuzzed page went 7 levels past the cap.)
  void DecideTemplate(const Name& name) {
    if (undecided_templates_ == 0 || name.Is("template") || name.Is("title") || name.Is("base") ||
        name.Is("basefont") || name.Is("bgsound") || name.Is("link") || name.Is("meta"))
      return;
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      if (!stack_[k].Is("template")) continue;
      if ((flags_[k] & (kFlagTemplateParts | kFlagTemplateBody)) != 0) return;
      if (logging_) {
        undo_.push_back(Saved(Undo::kFlags, k));
      }
      flags_[k] |= name.Is("tr")                      ? kFlagTemplateRows
                   : name.Is("td") || name.Is("th") ? kFlagTemplateCells
                   : name.Is("col")                 ? kFlagTemplateColumns
                   : IsTablePart(name)              ? kFlagTemplateTable
                                                    : kFlagTemplateBody;
      --undecided_templates_;
      return;
    }
  }

  // The kind (kFlagTemplateParts) of the template that holds stack_[k] (a table part, or the table or template
  // itself) with no table between, and its index in *at; 0 if a table holds it (or the template's content is not
  // table parts).
  uint32_t TemplateHolding(size_t k, size_t* at) const {
    while (k > 0 && !stack_[k].Is("table") && !stack_[k].Is("template")) --k;
    *at = k;
    return stack_[k].Is("template") ? flags_[k] & kFlagTemplateParts : 0;
  }

  // The index of the nearest table element, cell, caption, column group, template or <html> among the 64 innermost
  // elements, whose kind tells the parser's insertion mode; stack_.size() if there is none.
  size_t NearestTableElement() const {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;)
      if (IsTablePart(stack_[k]) || stack_[k].Is("table") || stack_[k].Is("template") || stack_[k].Is("html"))
        return k;
    return stack_.size();
  }

  // True if `name` is open, among the 64 innermost elements.
  bool InStack(const Name& name) const {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;)
      if (stack_[k] == name) return true;
    return false;
  }

  static bool IsHeading(const Name& n) {
    return !n.foreign && n.len == 2 && n.s[0] == 'h' && n.s[1] >= '1' && n.s[1] <= '6';
  }

  void Close(const Name& name) {
    if (!stack_.empty() && stack_.back() == name) PopBack();
  }

  std::string_view in_;
  size_t max_depth_;
  std::vector<Name> stack_;
  std::vector<uint32_t> depth_;  // per open element, its depth in the parser's tree (AdoptionAgency moves them)
  std::vector<uint32_t> peak_;   // per open element, the deepest depth in its subtree, closed parts too, at most
  std::vector<uint32_t> ids_;    // per open element, a number of its own
  std::vector<uint32_t> flags_;  // per open element, its ElementFlags
  std::unordered_set<uint32_t> open_formatting_;  // the ids of the open formatting elements
  uint32_t next_id_ = 0;
  std::vector<Active> active_;  // the list of active formatting elements: see StartFormatting
  std::vector<std::pair<Name, size_t>> no_end_tag_after_;  // (name, p): no "</name" from p on
  size_t dropped_ = 0;
  size_t open_tables_ = 0;
  uint32_t form_id_ = 0;  // the parser's form element pointer: the form it last opened outside templates
  size_t open_templates_ = 0;
  size_t undecided_templates_ = 0;  // open <template>s whose first start tag has not come (DecideTemplate)
  std::vector<Undo> undo_;           // see Begin
  std::vector<ListUndo> list_undo_;
  bool logging_ = false;
  // The parser's quirks mode, taken to be on unless the page starts with the HTML5 doctype (other doctypes put
  // Gumbo in quirks or limited-quirks mode or not; the model assumes the one that nests deeper).
  bool quirks_ = true;
  // A token other than white space and comments was read: a doctype after one comes too late to leave quirks mode.
  bool token_seen_ = false;
  PrescanResult out_;
};

}  // namespace

namespace {

constexpr std::string_view kSegmentStart = "<div hidden id=\"";
constexpr std::string_view kTemplateStart = "<template id=\"";
constexpr std::string_view kTemplateEnd = "</template>";

// The id that starts at `p`, just after an opening quote: up to the closing quote, at most 32 letters, digits, ':',
// '_' or '-'. Empty if there is no such id.
std::string_view QuotedId(std::string_view s, size_t p) {
  for (size_t q = p; q < s.size() && q - p <= 32; ++q) {
    const char c = s[q];
    if (c == '"') return s.substr(p, q - p);
    const bool ok = (c >= '0' && c <= '9') || IsAsciiAlpha(c) || c == ':' || c == '_' || c == '-';
    if (!ok) break;
  }
  return {};
}

// Where the <div> whose content starts at `p` ends: the '<' of its matching "</div", or npos. React writes these
// tags in lower case; script bodies are skipped.
size_t MatchingDivEnd(std::string_view s, size_t p) {
  int depth = 0;
  for (p = s.find('<', p); p != std::string_view::npos; p = s.find('<', p + 1)) {
    if (s.compare(p, 4, "<div") == 0 && p + 4 < s.size() && (IsSpace(s[p + 4]) || s[p + 4] == '>')) {
      ++depth;
    } else if (s.compare(p, 5, "</div") == 0) {
      if (depth == 0) return p;
      --depth;
    } else if (s.compare(p, 7, "<script") == 0) {
      p = s.find("</script", p + 7);
      if (p == std::string_view::npos) return p;
    }
  }
  return std::string_view::npos;
}

// The end of a Suspense boundary's fallback that starts at `p`: the '<' of the "<!--/$-->" that closes the boundary
// (boundaries nest: "<!--$-->", "<!--$?-->" and "<!--$!-->" open one), or `p` itself when there is none before `end`.
// Searched over at most kMaxFallbackBytes and kMaxFallbackComments: fallbacks are spinners and skeletons, and an
// unbounded search per template is quadratic on a page of many templates without their closing comments (20 000
// took 17 s; bounded, 0.3 s).
constexpr size_t kMaxFallbackBytes = 64 << 10;
constexpr int kMaxFallbackComments = 256;
size_t FallbackEnd(std::string_view s, size_t p, size_t end) {
  const std::string_view in = s.substr(0, std::min(end, p + kMaxFallbackBytes));
  int depth = 0, comments = 0;
  for (size_t q = in.find("<!--", p); q != std::string_view::npos && ++comments <= kMaxFallbackComments;
       q = in.find("<!--", q + 4)) {
    if (in.compare(q, 9, "<!--/$-->") == 0) {
      if (depth == 0) return q;
      --depth;
    } else if (in.compare(q, 5, "<!--$") == 0) {
      ++depth;
    }
  }
  return p;
}

struct Segment {
  size_t start = 0;        // the '<' of its <div hidden id="S:x">
  size_t content = 0;      // just after that start tag
  size_t content_end = 0;  // the '<' of its </div>
  bool done = false;       // moved into a template, or passed where it stands
};

}  // namespace

bool PlaceStreamedSegments(std::string* html) {
  const std::string_view s = *html;
  constexpr size_t npos = std::string_view::npos;
  // The segments, in document order (they never nest: React writes each at the end of <body>).
  std::vector<Segment> segments;
  std::unordered_map<std::string_view, size_t> segment_by_id;
  for (size_t p = s.find(kSegmentStart); p != npos; p = s.find(kSegmentStart, p + 1)) {
    const size_t id_at = p + kSegmentStart.size();
    const std::string_view id = QuotedId(s, id_at);
    if (id.size() < 3 || id.compare(0, 2, "S:") != 0 || id_at + id.size() + 1 >= s.size() ||
        s[id_at + id.size() + 1] != '>') {
      continue;
    }
    Segment seg;
    seg.start = p;
    seg.content = id_at + id.size() + 2;
    seg.content_end = MatchingDivEnd(s, seg.content);
    if (seg.content_end == npos) break;
    if (segment_by_id.emplace(id, segments.size()).second) segments.push_back(seg);
    p = seg.content_end;
  }
  if (segments.empty()) return false;
  // Template id -> segment id, from the calls of React's inline scripts.
  std::unordered_map<std::string_view, std::string_view> calls;
  for (std::string_view name : {"$RC(\"", "$RR(\"", "$RS(\""}) {
    for (size_t p = s.find(name); p != npos; p = s.find(name, p + 1)) {
      const std::string_view first = QuotedId(s, p + name.size());
      const size_t second_at = p + name.size() + first.size() + 3;  // past `","`
      if (first.empty() || s.compare(second_at - 3, 3, "\",\"") != 0) continue;
      const std::string_view second = QuotedId(s, second_at);
      if (second.empty()) continue;
      if (name[2] == 'S') calls.emplace(second, first);  // $RS(segment, placeholder)
      else calls.emplace(first, second);                // $RC(boundary, segment)
    }
  }
  auto segment_for = [&](std::string_view template_id) -> Segment* {
    std::string fallback;
    std::string_view want;
    auto call = calls.find(template_id);
    if (call != calls.end()) {
      want = call->second;
    } else {
      fallback = "S:";
      fallback += template_id.substr(2);
      want = fallback;
    }
    auto it = segment_by_id.find(want);
    if (it == segment_by_id.end() || segments[it->second].done) return nullptr;
    return &segments[it->second];
  };

  std::string out;
  out.reserve(s.size());
  struct Range {
    size_t begin, end;
  };
  std::vector<Range> stack{{0, s.size()}};
  bool moved = false;
  while (!stack.empty()) {
    const Range r = stack.back();
    stack.pop_back();
    const std::string_view in = s.substr(0, r.end);
    size_t p = r.begin;
    size_t t = in.find(kTemplateStart, p);  // the next template at or after p (searched again only past it)
    while (p < r.end) {
      if (t != npos && t < p) t = in.find(kTemplateStart, p);
      auto next_segment = std::lower_bound(segments.begin(), segments.end(), p,
                                           [](const Segment& g, size_t at) { return g.start < at; });
      const size_t g = next_segment != segments.end() && next_segment->start < r.end ? next_segment->start : npos;
      const size_t next = std::min(t, g);
      if (next == npos) {
        out.append(s, p, r.end - p);
        break;
      }
      out.append(s, p, next - p);
      if (next == g) {
        Segment& seg = *next_segment;
        if (seg.done) {  // moved into its template: gone from here, with its </div>
          const size_t close = s.find('>', seg.content_end);
          p = close == npos ? s.size() : close + 1;
        } else {  // no template took it: it stays
          seg.done = true;
          out.append(s, seg.start, seg.content - seg.start);
          p = seg.content;
        }
        continue;
      }
      const size_t id_at = t + kTemplateStart.size();
      const std::string_view id = QuotedId(s, id_at);
      const size_t tag_end = id_at + id.size() + 1;  // the '>' of the start tag
      Segment* seg = nullptr;
      if (id.size() >= 3 && (id[0] == 'B' || id[0] == 'P') && id[1] == ':' && tag_end < r.end &&
          s[tag_end] == '>' && s.compare(tag_end + 1, kTemplateEnd.size(), kTemplateEnd) == 0) {
        seg = segment_for(id);
      }
      if (seg == nullptr) {
        out += '<';
        p = t + 1;
        continue;
      }
      seg->done = true;
      moved = true;
      size_t after = tag_end + 1 + kTemplateEnd.size();
      if (id[0] == 'B') after = FallbackEnd(s, after, r.end);  // the boundary's fallback goes
      stack.push_back({after, r.end});
      stack.push_back({seg->content, seg->content_end});
      break;
    }
  }
  if (moved) *html = std::move(out);
  return moved;
}

PrescanResult Prescan(std::string_view html, std::size_t max_depth) {
  return Scanner(html, max_depth).Run();
}

}  // namespace cleaner
