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
// from its JavaScript or JSON string literal; strings inside a decoded string are looked at too, once (Next.js's
// flight data). Empty when there is none. At most `html.size()` bytes; linear in the size of the scripts.
std::string ScriptHtml(std::string_view html);

}  // namespace cleaner

#endif  // CLEANER_SCRIPT_HTML_H_
