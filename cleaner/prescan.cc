// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/prescan.h"

#include <array>
#include <cstring>
#include <vector>

namespace cleaner {
namespace {

// Start tags longer than this are checked for their number of attributes; real tags keep far fewer than
// kMaxAttributes.
constexpr size_t kLongTag = 4096;
constexpr size_t kMaxAttributes = 256;

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }
bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// A tag name, lower-cased and truncated: only the first 15 bytes matter for recognising HTML elements.
struct Name {
  std::array<char, 16> s{};
  unsigned char len = 0;
  bool Is(const char* other) const {
    size_t n = std::strlen(other);
    return n == len && std::memcmp(s.data(), other, n) == 0;
  }
  bool operator==(const Name& o) const { return len == o.len && std::memcmp(s.data(), o.s.data(), len) == 0; }
};

// Gumbo's void elements: never pushed on its stack of open elements. (Not <spacer>, an old Netscape tag that
// Gumbo opens like any other: 20 000 of them nest 20 000 deep.)
bool IsVoid(const Name& n) {
  static const char* const kVoid[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                      "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame",
                                      "image", "isindex"};
  for (const char* v : kVoid)
    if (n.Is(v)) return true;
  return false;
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

// Start tags that close an open <p> (the HTML standard's "close a p element" list, abridged).
bool ClosesP(const Name& n) {
  static const char* const kTags[] = {"address", "article", "aside", "blockquote", "center", "details", "dialog",
                                      "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form",
                                      "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "main", "menu",
                                      "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li"};
  for (const char* t : kTags)
    if (n.Is(t)) return true;
  return false;
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
        Emit(i, n);
        break;
      }
      size_t at = static_cast<size_t>(lt - in_.data());
      Emit(i, at);
      i = Tag(at);
    }
    return std::move(out_);
  }

 private:
  void Emit(size_t from, size_t to) {
    if (to > from) out_.html.append(in_.data() + from, to - from);
  }

  // Reads a tag name starting at `p`; returns the index after it.
  size_t ReadName(size_t p, Name* name) const {
    while (p < in_.size() && !IsSpace(in_[p]) && in_[p] != '>' && in_[p] != '/') {
      if (name->len < name->s.size() - 1) name->s[name->len++] = Lower(in_[p]);
      ++p;
    }
    return p;
  }

  // Finds the '>' that ends a tag whose attributes start at `p`, honouring quoted attribute values as the HTML
  // tokenizer does. Returns npos when the input ends first. Sets *self_closing for "/>".
  size_t FindTagEnd(size_t p, bool* self_closing) const {
    const size_t n = in_.size();
    char quote = 0;
    bool after_equals = false;
    for (; p < n; ++p) {
      char c = in_[p];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '>') {
        *self_closing = p > 0 && in_[p - 1] == '/';
        return p;
      }
      if ((c == '"' || c == '\'') && after_equals) {
        quote = c;
        after_equals = false;
        continue;
      }
      if (c == '=') {
        after_equals = true;
      } else if (!IsSpace(c)) {
        after_equals = false;
      }
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
      Emit(at, n);
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
      Emit(at, end);
      return end;
    }
    if (c == '/') {
      Name name;
      size_t after = ReadName(p + 1, &name);
      bool self_closing = false;
      size_t end = FindTagEnd(after, &self_closing);
      end = end == std::string_view::npos ? n : end + 1;
      if (name.len == 0 || !IsAsciiAlpha(name.s[0])) {
        Emit(at, end);
        return end;
      }
      if (CloseTag(name)) Emit(at, end);
      return end;
    }
    if (!IsAsciiAlpha(c)) {
      out_.html.push_back('<');  // a literal '<' in text
      return at + 1;
    }
    Name name;
    size_t after = ReadName(p, &name);
    bool self_closing = false;
    size_t end = FindTagEnd(after, &self_closing);
    if (end == std::string_view::npos) return n;  // a truncated tag at the end of the input: dropped
    size_t tag_end = end + 1;

    if (IsDroppedRawText(name) || (name.Is("svg") && !self_closing)) {
      bool keep_body = name.Is("script") && IsJsonLd(after, end);
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
      if (Open(name, false)) {
        Emit(at, close_end);
        if (unclosed) {
          out_.html.append("</");
          out_.html.append(name.s.data(), name.len);
          out_.html.push_back('>');
        }
      } else {
        Emit(tag_end, close);
      }
      Close(name);
      return close_end;
    }
    if (Open(name, self_closing)) {
      size_t cut = tag_end - at > kLongTag ? AttributeLimit(after, end) : std::string_view::npos;
      if (cut == std::string_view::npos) {
        Emit(at, tag_end);
      } else {
        Emit(at, cut);
        out_.html.append(self_closing ? "/>" : ">");
      }
    }
    return tag_end;
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

  // Pops the stack down to and including the nearest `name`, without passing a `stop` element; true if found.
  bool PopTo(const Name& name, std::initializer_list<const char*> stops) {
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k] == name) {
        stack_.resize(k);
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

  // Records a start tag; returns whether to keep it.
  bool Open(const Name& name, bool self_closing) {
    // Void elements never nest, so they never count against the cap (a <br> in flattened text still breaks it).
    if (IsVoid(name)) return true;
    // "/>" closes an element only in foreign content (<svg>, <math>, and what <math> holds; <svg> bodies are
    // emptied above). On an HTML element the parser ignores it, so "<div/>" opens a <div> that is never closed,
    // and 100 000 of them nest 100 000 deep: 74 s in Gumbo before they counted here. An HTML tag such as <div>
    // inside <math> closes the <math> first, as the parser does, so that "<math><div/><div/>..." counts too.
    if (name.Is("math")) math_seen_ = true;
    if (InMath()) {
      if (BreaksOutOfForeignContent(name)) {
        PopMath();
      } else if (self_closing) {
        return true;
      }
    }
    if (self_closing && (name.Is("svg") || name.Is("math"))) return true;
    // Start tags that close an open element of their kind instead of nesting in it (the parser's adoption agency
    // for <a> and <nobr>, and its rules for <button> and headings); "<a name=x/>" anchors, 600 on an old FAQ
    // page, otherwise counted as 600 levels and hit the cap. A <form> inside a <form> is ignored.
    if (name.Is("a")) PopTo(name, {"td", "th", "caption", "table", "object", "applet", "marquee", "template"});
    if (name.Is("nobr") || name.Is("button")) PopTo(name, {"td", "th", "caption", "table", "object", "applet"});
    if (IsHeading(name) && !stack_.empty() && IsHeading(stack_.back())) stack_.pop_back();
    if (name.Is("form") && InStack(name)) return true;
    // Implied end tags, so that ordinary unclosed <p>, <li> and table cells do not count as depth.
    if (!stack_.empty() && stack_.back().Is("p") && ClosesP(name)) stack_.pop_back();
    if (name.Is("li")) PopTo(Make("li"), {"ul", "ol", "menu"});
    if (name.Is("dt") || name.Is("dd")) {
      if (!PopTo(Make("dd"), {"dl"})) PopTo(Make("dt"), {"dl"});
    }
    if (name.Is("td") || name.Is("th")) {
      if (!PopTo(Make("td"), {"tr", "table"})) PopTo(Make("th"), {"tr", "table"});
    }
    if (name.Is("tr")) PopTo(Make("tr"), {"table", "tbody", "thead", "tfoot"});
    if (name.Is("option")) PopTo(Make("option"), {"select", "datalist"});
    if (stack_.size() >= max_depth_) {
      out_.depth_capped = true;
      ++dropped_;
      return false;
    }
    stack_.push_back(name);
    if (stack_.size() > out_.max_depth_seen) out_.max_depth_seen = stack_.size();
    return true;
  }

  // Records an end tag; returns whether to keep it.
  bool CloseTag(const Name& name) {
    // Search only the top of the stack: a stray end tag must not cost a walk of a deep stack.
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      if (stack_[k] == name) {
        stack_.resize(k);
        return true;
      }
    }
    if (dropped_ > 0) {
      --dropped_;
      return false;
    }
    return true;
  }

  // HTML tags that end foreign content: in <math>, the parser closes the <math> and reads them as HTML (the
  // HTML standard's list for parsing tokens in foreign content).
  static bool BreaksOutOfForeignContent(const Name& n) {
    static const char* const kBreakout[] = {
        "b",  "big", "blockquote", "body", "br",   "center", "code",    "dd",    "div",  "dl",  "dt",    "em",
        "embed", "h1", "h2",       "h3",   "h4",   "h5",     "h6",      "head",  "hr",   "i",   "img",   "li",
        "listing", "menu", "meta", "nobr", "ol",   "p",      "pre",     "ruby",  "s",    "small", "span", "strong",
        "strike", "sub", "sup",    "table", "tt",  "u",      "ul",      "var",   "font"};
    for (const char* b : kBreakout)
      if (n.Is(b)) return true;
    return false;
  }

  // Pops the stack through the innermost open <math> (searched among the 64 innermost, as in CloseTag).
  void PopMath() {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;) {
      if (stack_[k].Is("math")) {
        stack_.resize(k);
        return;
      }
    }
  }

  // True if a <math> element is open (among the 64 innermost: deeper ones are not searched, as in CloseTag).
  bool InMath() const { return math_seen_ && InStack(Make("math")); }

  // True if `name` is open, among the 64 innermost elements.
  bool InStack(const Name& name) const {
    const size_t limit = stack_.size() > 64 ? stack_.size() - 64 : 0;
    for (size_t k = stack_.size(); k-- > limit;)
      if (stack_[k] == name) return true;
    return false;
  }

  static bool IsHeading(const Name& n) {
    return n.len == 2 && n.s[0] == 'h' && n.s[1] >= '1' && n.s[1] <= '6';
  }

  void Close(const Name& name) {
    if (!stack_.empty() && stack_.back() == name) stack_.pop_back();
  }

  std::string_view in_;
  size_t max_depth_;
  std::vector<Name> stack_;
  std::vector<std::pair<Name, size_t>> no_end_tag_after_;  // (name, p): no "</name" from p on
  size_t dropped_ = 0;
  bool math_seen_ = false;  // a <math> start tag was read: only then can one be open (InMath)
  PrescanResult out_;
};

}  // namespace

PrescanResult Prescan(std::string_view html, std::size_t max_depth) {
  return Scanner(html, max_depth).Run();
}

}  // namespace cleaner
