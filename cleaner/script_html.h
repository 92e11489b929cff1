// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Article HTML that a page ships only as data for its scripts. A page rendered in the browser serves an empty shell
// and sends its content as the state its framework hydrates: a JSON string in React Query's dehydrated state (fundus's
// kr-HankookIlbo: `window["__RQ_R_35b_"].push({..."content":"\u003cp ...\u003c/p\u003e..."})`), in __NEXT_DATA__,
// or inside the string chunks of Next.js's flight data (`self.__next_f.push([1,"...\"__html\":\"...\""])`, a string
// in a string). The extractor runs no scripts and drops their text, so such a page has no article; the pipeline falls
// back on the HTML found here when the page itself gives no text.

#ifndef CLEANER_SCRIPT_HTML_H_
#define CLEANER_SCRIPT_HTML_H_

#include <string>
#include <string_view>

namespace cleaner {

// True if `html` may hold article HTML in its scripts: it has paragraph markup escaped as JSON serializers write it
// in scripts ("\u003cp", in any case). A quick test (one pass over the page) before ScriptHtml's scan.
bool MayHaveScriptHtml(std::string_view html);

// The longest string in the inline scripts of `html` that holds article markup (three or more paragraphs), decoded
// from its JavaScript or JSON string literal. A decoded string that is itself data (JSON, or rows of Next.js's
// flight data, whose chunks are joined first) is not taken whole: its own strings are looked at, once, and the
// flight data's text rows too. Empty when there is none. At most `html.size()` bytes; linear in the size of the
// scripts. Quotes are paired without parsing JavaScript: a '"' inside a '...' string, a comment or a regular
// expression before the data puts the pairing out of step, and the data may then be missed.
std::string ScriptHtml(std::string_view html);

// True if `text` has at least two of the words of `title` (words of four bytes or more, ASCII case folded; pairs
// of characters in Chinese and Japanese), or all of them if it has fewer; true for a title without such words.
// Tells the article in a page's script data from a cookie notice or a newsletter box that is just as long.
bool MentionsTitle(std::string_view text, std::string_view title);

}  // namespace cleaner

#endif  // CLEANER_SCRIPT_HTML_H_
