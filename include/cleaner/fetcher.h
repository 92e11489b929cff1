// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Fetching pages over HTTP(S) and decoding any page's bytes to UTF-8.
//
//   cleaner::Fetcher fetcher;                                   // share it between threads
//   cleaner::Result<cleaner::FetchResponse> page = fetcher.Fetch("https://example.com/a");
//   if (page.ok()) extractor.Extract(page->utf8, page->final_url);
//
// DecodeHtml serves pages read from files too: it finds the charset the way a browser does (byte order mark,
// Content-Type header, <meta> prescan) and falls back to statistical detection when nothing is declared.

#ifndef CLEANER_FETCHER_H_
#define CLEANER_FETCHER_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cleaner/status.h"

namespace cleaner {

// ---------------------------------------------------------------------------------------------------------
// Charset decoding.

// What decided a page's charset (DecodeHtml says in which order they are consulted).
enum class CharsetSource {
  kBom,       // a UTF-8, UTF-16 or UTF-32 byte order mark (it overrides everything, as in browsers)
  kUtf8,      // the bytes are valid UTF-8 (or nearly all of them are): this overrides a declaration
  kHeader,    // the charset parameter of the Content-Type header
  kMeta,      // <meta charset> or <meta http-equiv=Content-Type>: in the first 1024 bytes, else later in the head
  kDetected,  // statistical detection (ICU), or UTF-16 or UTF-32 recognised by its NUL bytes
  kDefault,   // nothing declared or detected: windows-1252, which decodes every byte
};

// "bom", "utf8", "header", "meta", "detected", "default"; used in JSON output.
std::string_view CharsetSourceName(CharsetSource source);

struct DecodedHtml {
  std::string utf8;     // the page as valid UTF-8, without a byte order mark
  std::string charset;  // WHATWG name of the encoding used: "utf-8", "windows-1251", ...
  CharsetSource source = CharsetSource::kDefault;
  bool replaced = false;  // some bytes could not be decoded and became U+FFFD
};

// Decodes a page's bytes to UTF-8. The charset comes from, in order: a byte order mark; UTF-16 or UTF-32 by
// their NUL bytes, or a declared UTF-16 whose bytes read as such; the bytes themselves
// when they are valid UTF-8 with some non-ASCII text (mislabelled UTF-8 is far more common than legacy text
// that happens to be valid UTF-8); `content_type` (a Content-Type header value, "text/html; charset=koi8-r",
// may be empty); the HTML standard's <meta> prescan, then a <meta> later in the head; ICU's detector;
// windows-1252. Labels follow the WHATWG
// Encoding Standard ("latin1" and "ascii" mean windows-1252, "gb2312" means GBK, ...). Undecodable bytes,
// U+0000 and U+001B (ESC) become U+FFFD; any input is accepted. Input that is valid UTF-8 already is returned
// unchanged, NULs and ESCs aside (one validating pass and a copy: 4 GB/s, 0.06 ms for a 220 KB page), so
// decoding twice is harmless, but for a page declared HZ-GB-2312 whose decoded text is all ASCII: HZ's shifts
// ("~{") are ASCII, and a second decoding reads any left in the text as shifts again.
// Errors: kInternal only if ICU itself fails or memory runs out. Safe to call from any number of threads.
Result<DecodedHtml> DecodeHtml(std::string_view bytes, std::string_view content_type = {});

// ---------------------------------------------------------------------------------------------------------
// Fetching.

// How a Fetcher works. The defaults suit crawling arbitrary sites politely.
struct FetchOptions {
  // Sent as the User-Agent header; empty means "cleaner/" CLEANER_VERSION. Default: empty.
  std::string user_agent;

  // Seconds allowed for one URL as a whole: every attempt, redirect and wait before a retry (at most a day).
  // Default: 30.
  double timeout_s = 30;

  // Seconds allowed to establish a connection (capped by what is left of timeout_s). Default: 10.
  double connect_timeout_s = 10;

  // A transfer slower than low_speed_bytes per second for low_speed_time_s seconds is abandoned (a server
  // that trickles). Default: 1000 bytes/s for 10 s.
  long low_speed_bytes = 1000;
  double low_speed_time_s = 10;

  // Redirects followed before giving up (a loop ends here). Default: 10.
  int max_redirects = 10;

  // Bodies over this many bytes after decompression are refused (kTooLarge) while downloading.
  // Default: 64 MiB.
  std::size_t max_body_bytes = 64u << 20;

  // Verify the server's TLS certificate and host name. Default: true.
  bool verify_tls = true;

  // Proxy URL ("http://proxy:3128"); empty: libcurl's environment variables http_proxy, https_proxy,
  // all_proxy and no_proxy, when use_environment_proxy. Default: empty.
  std::string proxy;
  // Honour the proxy environment variables when `proxy` is empty. Default: true.
  bool use_environment_proxy = true;

  // Attempts per URL for 429, 5xx (not 501 or 505) and connection failures; 1 disables retries. Default: 3.
  int max_attempts = 3;
  // Backoff before retry k (k = 1, 2, ...): retry_delay_s * 2^(k-1), times a random factor in [0.5, 1] so
  // that many clients do not retry in step, at most max_retry_delay_s. A Retry-After header (seconds or an
  // HTTP date) replaces it; one that would wait past timeout_s ends the fetch at once. Default: 0.5 s, 8 s.
  double retry_delay_s = 0.5;
  double max_retry_delay_s = 8;

  // FetchMany: transfers at once, and at most this many to one host (scheme, name and port) so that no site
  // is hammered. Default: 16 and 4 (browsers open 6 connections per host).
  std::size_t jobs = 16;
  std::size_t max_per_host = 4;

  // Refuse responses that are not HTML (by Content-Type, then by the body's leading bytes) with kNotHtml.
  // text/html, application/xhtml+xml and text/plain pass. Default: true.
  bool html_only = true;

  // Fill FetchResponse::utf8 with DecodeHtml; off, decode elsewhere (on worker threads). Default: true.
  bool decode = true;
};

struct FetchResponse {
  std::string url;           // the URL asked for
  std::string final_url;     // after redirects
  int status = 0;            // HTTP status of the final response
  std::string content_type;  // the Content-Type header, as sent ("" if none)
  std::string body;          // the body's bytes, decompressed
  std::string utf8;          // the body decoded (FetchOptions::decode), else empty
  std::string charset;       // the decoded charset's WHATWG name (FetchOptions::decode)
  CharsetSource charset_source = CharsetSource::kDefault;  // what decided `charset`
  int redirects = 0;                                       // redirects followed by the successful attempt
  int attempts = 0;                                        // 1 + retries
  double elapsed_ms = 0;  // from the first attempt's start to the end, waits included
};

// Fetches pages with libcurl: redirects, timeouts, compression (whatever this libcurl decodes: gzip, deflate;
// brotli, zstd where built in), retries with backoff, and many transfers at once with a per-host limit. Host
// names in other scripts are asked for in their ASCII (IDNA) form; cookies a site sets are sent back on that
// URL's redirects, and kept no longer.
//
// Errors: kInvalidArgument (not a valid http(s) URL), kTooLarge (body over max_body_bytes; an HTTP error
// status wins over anything that went wrong with its body), kNotHtml (PDF, image, archive...; the message names
// the type), kNetworkError (unreachable, timed out, too many redirects, a redirect to a URL that is not http(s), an HTTP status other
// than 2xx after the retries: the message says which), kInternal (libcurl failed to start).
//
// Thread safety: a Fetcher is immutable after construction; its methods may be called from many threads at
// once. Each call uses its own libcurl handles, so calls share no connections.
class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});

  // Fetches one URL, blocking for at most about options().timeout_s.
  Result<FetchResponse> Fetch(std::string_view url) const;

  // Fetches every URL, up to options().jobs at once, and calls `on_done(index, result)` exactly once per
  // index, in completion order, on the calling thread. Keep on_done short and never let it wait for a
  // consumer: no transfer is driven while it runs, yet every transfer's timeout keeps running, so a blocked
  // on_done makes healthy servers time out. Hand heavy work to other threads, and bound what waits for them
  // with `admit`. Returns when all are done. When `*cancel` becomes true (it is polled every 50 ms; a signal
  // handler may set it), transfers stop and every unfinished URL is reported as kNetworkError with the
  // message kCancelledMessage.
  //
  // `admit(index)`, when given, is asked on the calling thread before URL `index` starts its first attempt
  // (retries of a URL already started are not asked again; URLs that fail before any attempt, such as invalid
  // ones, are not asked at all). While it returns false, no new URL starts; transfers in flight and retries go
  // on, and it is asked again within kAdmitPollMs. A URL's timeout starts when it is admitted. A caller that
  // counts admitted URLs until it has consumed their results keeps memory bounded however slow it is.
  //
  // Exceptions thrown by on_done or admit propagate to the caller (no URL is reported after that). FetchMany
  // throws none of its own: running out of memory fails the URL it happened to (or, outside any transfer, every
  // URL not yet reported) with kInternal.
  void FetchMany(const std::vector<std::string>& urls,
                 const std::function<void(std::size_t index, Result<FetchResponse> result)>& on_done,
                 const std::atomic<bool>* cancel = nullptr,
                 const std::function<bool(std::size_t index)>& admit = {}) const;

  const FetchOptions& options() const { return options_; }

  // The message of the error that FetchMany reports for URLs left unfinished by cancellation.
  static constexpr std::string_view kCancelledMessage = "cancelled";

  // How soon FetchMany asks `admit` again after it refused a URL, in milliseconds.
  static constexpr long kAdmitPollMs = 5;

 private:
  FetchOptions options_;
};

}  // namespace cleaner

#endif  // CLEANER_FETCHER_H_
