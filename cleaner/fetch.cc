// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The fetcher: one libcurl multi handle per call, driven by a single-threaded loop that starts transfers
// under a total and a per-host limit, retries failures after a backoff, and reports each URL exactly once.
// Fetch(url) is FetchMany with one URL, so both share every rule.

#include <curl/curl.h>
#include <unicode/uidna.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cleaner/charset.h"
#include "cleaner/decode.h"
#include "cleaner/fetcher.h"
#include "cleaner/version.h"

namespace cleaner {
namespace {

using Clock = std::chrono::steady_clock;

// The longest the loop sleeps without looking at the cancel flag: a Ctrl-C takes effect within this.
constexpr long kCancelPollMs = 50;

// A Retry-After further off than a day is treated as a day (the header can name any date); no wait or timeout
// is longer.
constexpr double kMaxRetryAfterS = 86400;

// curl_global_init is not thread-safe in every libcurl build: run it once, before the first handle.
CURLcode GlobalInit() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Seconds as a clock duration, clamped to [0, a day] (NaN as 0) so that no option value can overflow it.
Clock::duration FromSeconds(double s) {
  s = s > 0 ? std::min(s, kMaxRetryAfterS) : 0;
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

long Millis(Clock::duration d) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

struct EasyDeleter {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

// `host` in the ASCII form DNS looks up ("bücher.de" as "xn--bcher-kva.de"), by UTS #46 with ICU: libcurl
// converts such a name from the process's locale, which a crawler run in the "C" locale cannot give, and then
// failed every non-ASCII host as malformed. Empty if it is no valid host name.
std::string AsciiHostName(std::string_view host) {
  UErrorCode err = U_ZERO_ERROR;
  UIDNA* idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI, &err);
  if (U_FAILURE(err)) return {};
  std::string out(std::max<size_t>(64, host.size() * 4), '\0');  // punycode stays short; 253 is DNS's limit
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const int32_t n = uidna_nameToASCII_UTF8(idna, host.data(), static_cast<int32_t>(host.size()), out.data(),
                                           static_cast<int32_t>(out.size()), &info, &err);
  uidna_close(idna);
  if (U_FAILURE(err) || info.errors != 0 || n <= 0 || static_cast<size_t>(n) > out.size()) return {};
  out.resize(static_cast<size_t>(n));
  return out;
}

// The URL the transfer asks for: `url` with a non-ASCII host name in its ASCII form (AsciiHostName). `url`
// itself when its host is ASCII, or when it is no valid URL (HostKey reports that).
std::string RequestUrl(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return url;
  char* host = nullptr;
  if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return url;
  const std::string h(host);
  curl_free(host);
  if (std::all_of(h.begin(), h.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return url;
  const std::string ascii = AsciiHostName(h);
  char* full = nullptr;
  if (ascii.empty() || curl_url_set(u.get(), CURLUPART_HOST, ascii.c_str(), 0) != CURLUE_OK ||
      curl_url_get(u.get(), CURLUPART_URL, &full, 0) != CURLUE_OK)
    return url;
  std::string out(full);
  curl_free(full);
  return out;
}

// The per-host limit's key ("https://example.com:443"), or an error for a URL that is not http(s).
Result<std::string> HostKey(const std::string& url) {
  if (url.find('\0') != std::string::npos) {  // curl reads a C string: it would fetch the URL cut at the NUL
    return Status(StatusCode::kInvalidArgument, "not a valid URL (it holds a NUL byte): " + url);
  }
  std::unique_ptr<CURLU, UrlDeleter> u(curl_url());
  if (!u) return Status(StatusCode::kInternal, "out of memory");
  if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return Status(StatusCode::kInvalidArgument, "not a valid URL: " + url);
  }
  std::string key;
  for (CURLUPart part : {CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT}) {
    char* value = nullptr;
    if (curl_url_get(u.get(), part, &value, part == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0) != CURLUE_OK) {
      return Status(StatusCode::kInvalidArgument, "not a valid URL: " + url);
    }
    std::string v(value);
    curl_free(value);
    if (part == CURLUPART_SCHEME) {
      if (v != "http" && v != "https") {
        return Status(StatusCode::kInvalidArgument, "not an http(s) URL: " + url);
      }
      key = v + "://";
    } else {
      key += part == CURLUPART_PORT ? ":" + v : v;
    }
  }
  return key;
}

// Content types that are HTML or plain text (cleaned as a page: plain text has no markup to lose); the generic
// ones say nothing and leave the decision to the body.
enum class TypeVerdict { kHtml, kUnknown, kNotHtml };

TypeVerdict ClassifyContentType(const std::string& essence) {
  if (essence.empty() || essence == "application/octet-stream" || essence == "binary/octet-stream" ||
      essence == "application/unknown" || essence == "unknown/unknown" ||
      essence == "application/x-unknown") {
    return TypeVerdict::kUnknown;
  }
  // text/html, application/xhtml+xml, and the rarer text/x-html, application/vnd.wap.xhtml+xml.
  if (essence.find("html") != std::string::npos || essence == "text/plain") return TypeVerdict::kHtml;
  return TypeVerdict::kNotHtml;
}

// Retrying cannot help 501 Not Implemented and 505 HTTP Version Not Supported; other 5xx are often passing
// (a restarting backend, an overloaded proxy), and 429 asks for exactly that.
bool RetryableStatus(long code) {
  return code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
}

bool RetryableCurlError(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:  // a connect timeout or the low-speed cutoff; the total one ends it anyway
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

// Retry-After in seconds from now: delta-seconds or an HTTP date; negative if absent or unparseable.
double ParseRetryAfter(const std::string& value) {
  if (value.empty()) return -1;
  if (value.find_first_not_of("0123456789") == std::string::npos) {
    return value.size() > 9 ? kMaxRetryAfterS
                            : std::min(kMaxRetryAfterS, std::strtod(value.c_str(), nullptr));
  }
  time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return -1;
  return std::clamp(std::difftime(when, std::time(nullptr)), 0.0, kMaxRetryAfterS);
}

// One attempt at one URL: the easy handle and what its callbacks gathered.
struct Attempt {
  size_t index = 0;
  EasyPtr easy;
  const FetchOptions* options = nullptr;
  std::string body;
  std::string retry_after;
  std::string not_html;  // why the response is refused as not HTML, once known
  size_t received = 0;   // body bytes of the current response, decompressed
  bool checked = false;  // the current response's status and type were looked at
  bool discard = false;  // the current response is not a success: its body is not kept
  bool too_large = false;
  bool sniffed = false;
  bool threw = false;  // a callback caught an exception (std::bad_alloc) and aborted the transfer
  char error[CURL_ERROR_SIZE] = {};
};

// libcurl's callbacks run inside its C frames, which an exception must not unwind through: each callback
// catches everything, marks the attempt and returns 0, which aborts the transfer (CURLE_WRITE_ERROR).
template <typename F>
size_t Guarded(Attempt* a, F&& callback) {
  try {
    return callback();
  } catch (...) {
    a->threw = true;
    return 0;
  }
}

// True if the header `line` starts with `name` (lower case, with its colon): header names ignore ASCII case.
bool IsHeader(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = line[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c) != name[i]) return false;
  }
  return true;
}

// A new response starts with its status line (there is one per redirect and per 1xx): reset what the
// previous one set.
size_t HeaderLine(Attempt* a, std::string_view line) {
  const size_t n = line.size();
  if (line.substr(0, 5) == "HTTP/") {
    a->checked = false;
    a->received = 0;
    a->retry_after.clear();
  } else if (line.size() > 12 && IsHeader(line, "retry-after:")) {
    size_t b = line.find_first_not_of(" \t", 12), e = line.find_last_not_of(" \t\r\n");
    if (b != std::string_view::npos && e != std::string_view::npos && e >= b) {
      a->retry_after.assign(line.substr(b, e - b + 1));
    }
  }
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Attempt*>(user);
  return Guarded(a, [&] { return HeaderLine(a, std::string_view(data, size * count)); });
}

// Returning less than `n` aborts the transfer (CURLE_WRITE_ERROR); the flags say why.
size_t BodyBytes(Attempt* a, const char* data, size_t n) {
  const FetchOptions& o = *a->options;
  if (!a->checked) {
    a->checked = true;
    long code = 0;
    curl_easy_getinfo(a->easy.get(), CURLINFO_RESPONSE_CODE, &code);
    a->discard = code < 200 || code >= 300;  // an error page or a redirect's body: only the status matters
    // A body announced over the limit is not read: a page's is refused, an error page's status is all that is
    // kept. (Not CURLOPT_MAXFILESIZE: it also refuses a redirect whose own body is long, before the redirect is
    // followed.)
    curl_off_t announced = -1;
    curl_easy_getinfo(a->easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
    if (announced > 0 && static_cast<uint64_t>(announced) > o.max_body_bytes) {
      a->too_large = !a->discard;
      return 0;
    }
    if (!a->discard && o.html_only) {
      const char* type = nullptr;
      curl_easy_getinfo(a->easy.get(), CURLINFO_CONTENT_TYPE, &type);
      std::string essence = charset::MimeEssence(type ? type : "");
      if (ClassifyContentType(essence) == TypeVerdict::kNotHtml) {
        a->not_html = "not HTML: the content type is " + essence;
        return 0;  // do not download a video to refuse it
      }
    }
  }
  // The limit applies to decompressed bytes: a small gzip body can expand a thousandfold, and the Content-Length
  // is the compressed size.
  a->received += n;
  if (a->received > o.max_body_bytes) {
    a->too_large = true;
    return 0;
  }
  if (a->discard) return n;
  a->body.append(data, n);
  if (o.html_only && !a->sniffed && a->body.size() >= 64) {
    a->sniffed = true;
    std::string_view format = charset::SniffBinaryFormat(a->body);
    if (!format.empty()) {
      a->not_html = "not HTML: the body is a " + std::string(format);
      return 0;
    }
  }
  return n;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Attempt*>(user);
  return Guarded(a, [&] { return BodyBytes(a, data, size * count); });
}

// Per-URL state that outlives an attempt.
struct Item {
  std::string first_url;    // the URL as a transfer asks for it (RequestUrl)
  std::string request_url;  // where the current attempt goes on: first_url, or a redirect's (see Complete)
  int redirects_before = 0;  // redirects the current attempt followed before request_url
  bool continuing = false;   // the next Start goes on with the current attempt, after such a redirect
  int attempts = 0;
  bool started = false;
  Clock::time_point start, deadline;
};

// One host's queue of URLs and its transfers in flight (at most max_per_host).
struct HostState {
  std::deque<size_t> waiting;
  size_t active = 0;
  bool in_ready = false;
  size_t ready_key = 0;
};

// The Status for an exception caught inside a batch (call from a catch block). Both messages fit std::string's
// short-string buffer, so building the Status allocates nothing, which matters when memory has run out.
Status CaughtStatus() {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kInternal, "out of memory");
  } catch (...) {
    return Status(StatusCode::kInternal, "internal error");
  }
}

class Batch {
 public:
  using OnDone = std::function<void(size_t, Result<FetchResponse>)>;
  using Admit = std::function<bool(size_t)>;

  Batch(const FetchOptions& options, const std::vector<std::string>& urls, const OnDone& on_done,
        const std::atomic<bool>* cancel, const Admit& admit)
      : o_(options),
        urls_(urls),
        on_done_(on_done),
        cancel_(cancel),
        admit_(admit),
        items_(urls.size()),
        rng_(std::random_device{}()),
        jobs_(std::max<size_t>(1, options.jobs)),
        per_host_(std::max<size_t>(1, options.max_per_host)),
        item_host_(urls.size()),
        done_(urls.size()) {}

  void Run() {
    if (urls_.empty()) return;
    if (CURLcode rc = GlobalInit(); rc != CURLE_OK) {
      return FailAll(std::string("libcurl: ") + curl_easy_strerror(rc));
    }
    multi_.reset(curl_multi_init());
    if (!multi_) return FailAll("libcurl: cannot create a multi handle");
    // A safety net for redirects to another host, which this loop's own per-host queues cannot foresee.
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(per_host_));
    curl_slist* headers = curl_slist_append(
        nullptr, "Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
    headers_.reset(headers);
    user_agent_ = o_.user_agent.empty() ? std::string("cleaner/" CLEANER_VERSION) : o_.user_agent;

    for (size_t i = 0; i < urls_.size(); ++i) {
      Result<std::string> host = HostKey(urls_[i]);
      if (!host.ok()) {
        Finish(i, host.status());
        continue;
      }
      items_[i].first_url = RequestUrl(urls_[i]);
      items_[i].request_url = items_[i].first_url;
      auto it = hosts_.try_emplace(std::move(host.value())).first;
      it->second.waiting.push_back(i);
      item_host_[i] = &it->second;
    }
    for (auto& [key, h] : hosts_) Refresh(&h);

    while (finished_ < urls_.size()) {
      if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) return CancelAll();
      auto now = Clock::now();
      // Retries whose wait is over go first in their host's queue.
      while (!retries_.empty() && retries_.top().first <= now) {
        size_t index = retries_.top().second;
        retries_.pop();
        HostState* h = item_host_[index];
        h->waiting.push_front(index);
        Refresh(h);
      }
      // The caller may hold back new URLs (its consumer is behind); retries were admitted already, and sort
      // first (Refresh): when the first host's next URL is a new one, no retry is ready.
      bool held_back = false;
      while (active_.size() < jobs_ && !ready_.empty()) {
        HostState* h = ready_.begin()->second;
        if (!items_[h->waiting.front()].started && admit_ && !CallerAdmits(h->waiting.front())) {
          held_back = true;
          break;
        }
        size_t index = h->waiting.front();
        h->waiting.pop_front();
        ++h->active;
        Refresh(h);
        Start(index, now);
      }
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Attempt* a = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &a);
        CURLcode rc = msg->data.result;
        const size_t index = a->index;
        try {
          Complete(a, rc);  // invalidates msg
        } catch (...) {
          // Running out of memory while finishing one attempt (decoding a large body, say) fails that URL alone;
          // what the caller's on_done throws is the caller's.
          if (caller_threw_) throw;
          if (!done_[index]) Finish(index, CaughtStatus());
        }
      }
      if (finished_ >= urls_.size()) break;
      // A slot freed up: start the next at once (unless the caller holds new URLs back).
      if (!held_back && active_.size() < jobs_ && !ready_.empty()) continue;
      long wait = held_back ? std::min(kCancelPollMs, Fetcher::kAdmitPollMs) : kCancelPollMs;
      long curl_wait = -1;
      curl_multi_timeout(multi_.get(), &curl_wait);
      if (curl_wait >= 0) wait = std::min(wait, curl_wait);
      if (!retries_.empty()) {
        wait = std::min(wait, std::max(0L, Millis(retries_.top().first - Clock::now()) + 1));
      }
      if (active_.empty() && retries_.empty() && ready_.empty()) {
        return FailAll("internal error: URLs left unscheduled");  // cannot happen; never spin
      }
      curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(wait), nullptr);
    }
  }

  bool done(size_t index) const { return done_[index]; }
  bool caller_threw() const { return caller_threw_; }

  ~Batch() {
    // Handles must leave the multi handle before it is cleaned up (an exception from on_done ends up here).
    for (auto& [easy, attempt] : active_) curl_multi_remove_handle(multi_.get(), easy);
  }

 private:
  void Refresh(HostState* h) {
    if (h->in_ready) ready_.erase({h->ready_key, h});
    h->in_ready = !h->waiting.empty() && h->active < per_host_;
    if (h->in_ready) {
      // Hosts whose next URL is a retry first, then by the position of their next URL in the input.
      const size_t front = h->waiting.front();
      h->ready_key = (items_[front].started ? 0 : urls_.size()) + front;
      ready_.insert({h->ready_key, h});
    }
  }

  void Start(size_t index, Clock::time_point now) {
    Item& item = items_[index];
    if (!item.started) {
      item.started = true;
      item.start = now;
      item.deadline = now + FromSeconds(o_.timeout_s);
    }
    if (!item.continuing) ++item.attempts;
    item.continuing = false;
    auto a = std::make_unique<Attempt>();
    a->index = index;
    a->options = &o_;
    if (!free_easy_.empty()) {
      a->easy = std::move(free_easy_.back());
      free_easy_.pop_back();
      curl_easy_reset(a->easy.get());
    } else {
      a->easy.reset(curl_easy_init());
    }
    if (!a->easy) return FailStart(std::move(a), Status(StatusCode::kInternal, "libcurl: no easy handle"));
    CURL* e = a->easy.get();
    const long remaining_ms = std::max(1L, Millis(item.deadline - now));
    curl_easy_setopt(e, CURLOPT_URL, items_[index].request_url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, a.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, a.get());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, a.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, a->error);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);  // many threads; the threaded resolver needs no SIGALRM
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");  // a redirect to file:// stays refused
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, o_.max_redirects) - item.redirects_before));
    curl_easy_setopt(e, CURLOPT_AUTOREFERER, 1L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
    curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers_.get());
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, remaining_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     std::min(remaining_ms, std::max(1L, Millis(FromSeconds(o_.connect_timeout_s)))));
    if (o_.low_speed_bytes > 0 && o_.low_speed_time_s > 0) {
      curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o_.low_speed_bytes);
      curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                       std::max(1L, std::lround(std::min(o_.low_speed_time_s, kMaxRetryAfterS))));
    }
    // Cookies a site sets are sent back for the rest of this URL's redirects ("set a cookie and redirect to
    // yourself", a common check that loops forever without them), and forgotten afterwards: the handle is reused
    // for other URLs.
    curl_easy_setopt(e, CURLOPT_COOKIELIST, "ALL");
    curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, o_.verify_tls ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, o_.verify_tls ? 2L : 0L);
    if (!o_.proxy.empty()) {
      curl_easy_setopt(e, CURLOPT_PROXY, o_.proxy.c_str());
    } else if (!o_.use_environment_proxy) {
      curl_easy_setopt(e, CURLOPT_PROXY, "");  // "" disables proxies, the environment's too
    }
    if (CURLMcode mc = curl_multi_add_handle(multi_.get(), e); mc != CURLM_OK) {
      return FailStart(std::move(a),
                       Status(StatusCode::kInternal, std::string("libcurl: ") + curl_multi_strerror(mc)));
    }
    active_.emplace(e, std::move(a));
  }

  // An attempt that never reached the multi handle: give its host slot back, then report.
  void FailStart(std::unique_ptr<Attempt> a, Status status) {
    HostState* h = item_host_[a->index];
    --h->active;
    Refresh(h);
    FinishAttempt(std::move(a), std::move(status));
  }

  // The attempt `a` ended with `rc`: succeed, fail, or schedule a retry.
  void Complete(Attempt* raw, CURLcode rc) {
    CURL* e = raw->easy.get();
    curl_multi_remove_handle(multi_.get(), e);
    auto node = active_.extract(e);
    std::unique_ptr<Attempt> a = std::move(node.mapped());
    HostState* h = item_host_[a->index];
    --h->active;
    Refresh(h);

    const size_t index = a->index;
    Item& item = items_[index];
    const auto now = Clock::now();
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);

    if (a->threw) {
      return FinishAttempt(std::move(a), Status(StatusCode::kInternal,
                                                "out of memory while receiving the response"));
    }
    // An error status wins over what went wrong with its body, which is not kept anyway: a body over the limit
    // (OnBody cuts it short), cut short by the server, stalled or badly compressed. A 404 so cut is a 404, and
    // not retried as a network error.
    if (code >= 400) rc = CURLE_OK;
    if (code < 400 && a->too_large) {
      return FinishAttempt(std::move(a),
                           Status(StatusCode::kTooLarge, "the body is over the limit of " +
                                                             std::to_string(o_.max_body_bytes) + " bytes"));
    }
    if (!a->not_html.empty()) {
      std::string message = std::move(a->not_html);
      return FinishAttempt(std::move(a), Status(StatusCode::kNotHtml, std::move(message)));
    }
    if (rc == CURLE_OK && code >= 200 && code < 300) return Succeed(std::move(a), code);

    std::string reason;
    bool retryable;
    if (rc == CURLE_OK) {
      reason = "HTTP status " + std::to_string(code);
      retryable = RetryableStatus(code);
    } else if (rc == CURLE_OPERATION_TIMEDOUT && now + std::chrono::milliseconds(5) >= item.deadline) {
      reason = "timed out: no complete response within the timeout of " + FormatSeconds(o_.timeout_s);
      retryable = false;
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
      reason = "more than " + std::to_string(std::max(0, o_.max_redirects)) + " redirects (a redirect loop?)";
      retryable = false;
    } else {
      reason = a->error[0] ? a->error : curl_easy_strerror(rc);
      retryable = RetryableCurlError(rc);
    }
    long redirects = 0;
    curl_easy_getinfo(e, CURLINFO_REDIRECT_COUNT, &redirects);
    const char* redirect_url = nullptr;
    curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &redirect_url);
    // A redirect to a host name in another script, which libcurl cannot follow (see AsciiHostName), is followed
    // here: the same attempt goes on at the host's ASCII form. (libcurl counts the redirect it could not follow,
    // and leaves its target as the effective URL.)
    const char* effective_url = nullptr;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective_url);
    if (rc == CURLE_URL_MALFORMAT && redirects > 0 && effective_url != nullptr) {
      std::string next = RequestUrl(effective_url);
      const int followed = item.redirects_before + static_cast<int>(redirects);
      if (next != effective_url && followed <= std::max(0, o_.max_redirects) && HostKey(next).ok()) {
        item.request_url = std::move(next);
        item.redirects_before = followed;
        item.continuing = true;
        Recycle(std::move(a));
        retries_.push({now, index});
        return;
      }
    }
    if ((rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) && redirects == 0 &&
        redirect_url == nullptr) {
      return FinishAttempt(std::move(a), Status(StatusCode::kInvalidArgument,
                                                "not a valid URL: " + urls_[index] + " (" + reason + ")"));
    }
    if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) {
      // A redirect led here: the fetch failed, the argument was fine.
      const char* target = nullptr;
      curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &target);
      if (target == nullptr) curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &target);
      return FinishAttempt(std::move(a), Status(StatusCode::kNetworkError,
                                                "redirected to a URL that is not http(s): " +
                                                    std::string(target ? target : "?") + " (" + reason + ")"));
    }
    if (!retryable || item.attempts >= o_.max_attempts) {
      if (item.attempts > 1) reason += " (after " + std::to_string(item.attempts) + " attempts)";
      return FinishAttempt(std::move(a), Status(StatusCode::kNetworkError, reason));
    }
    double delay = ParseRetryAfter(a->retry_after);
    std::string why;
    if (delay >= 0) {
      why = "Retry-After " + FormatSeconds(delay);
    } else {
      // Exponential backoff with "equal jitter": half fixed, half random, so clients that failed together do
      // not retry together.
      double base = std::min(o_.max_retry_delay_s, o_.retry_delay_s * std::ldexp(1.0, item.attempts - 1));
      delay = std::min(kMaxRetryAfterS, base * std::uniform_real_distribution<double>(0.5, 1.0)(rng_));
      why = "backoff " + FormatSeconds(delay);
    }
    const auto when = now + FromSeconds(delay);
    if (when >= item.deadline) {
      reason += " (" + why + " would pass the timeout of " + FormatSeconds(o_.timeout_s) + "; after " +
                std::to_string(item.attempts) + (item.attempts == 1 ? " attempt)" : " attempts)");
      return FinishAttempt(std::move(a), Status(StatusCode::kNetworkError, reason));
    }
    // A new attempt starts from the URL asked for. Recycled first: if queueing the retry runs out of memory, the
    // caller fails the URL, and no retry of it is left queued to report it a second time.
    item.request_url = item.first_url;
    item.redirects_before = 0;
    Recycle(std::move(a));
    retries_.push({when, index});
  }

  void Succeed(std::unique_ptr<Attempt> a, long code) {
    CURL* e = a->easy.get();
    const Item& item = items_[a->index];
    FetchResponse r;
    r.url = urls_[a->index];
    const char* s = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK && s) r.final_url = s;
    s = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &s) == CURLE_OK && s) r.content_type = s;
    long redirects = 0;
    curl_easy_getinfo(e, CURLINFO_REDIRECT_COUNT, &redirects);
    r.status = static_cast<int>(code);
    r.redirects = static_cast<int>(redirects) + item.redirects_before;
    r.attempts = item.attempts;
    r.elapsed_ms = Seconds(Clock::now() - item.start) * 1000;
    r.body = std::move(a->body);
    if (o_.html_only) {
      // An empty body never reached OnBody, which refuses the other types as their bytes come.
      const std::string essence = charset::MimeEssence(r.content_type);
      if (ClassifyContentType(essence) == TypeVerdict::kNotHtml) {
        return FinishAttempt(std::move(a),
                             Status(StatusCode::kNotHtml, "not HTML: the content type is " + essence));
      }
      // Short bodies were not sniffed while downloading; bodies of an unknown type must not be binary.
      std::string_view format = charset::SniffBinaryFormat(r.body);
      if (!format.empty()) {
        return FinishAttempt(std::move(a),
                             Status(StatusCode::kNotHtml, "not HTML: the body is a " + std::string(format)));
      }
      if (ClassifyContentType(essence) == TypeVerdict::kUnknown &&
          LooksBinary(r.body)) {
        charset::Decision d = charset::Decide(r.body, r.content_type);
        if (!charset::IsUtf16(d.encoding) && !charset::IsUtf32(d.encoding)) {
          return FinishAttempt(std::move(a), Status(StatusCode::kNotHtml, "not HTML: binary data"));
        }
      }
    }
    if (o_.decode) {
      Result<DecodedHtml> decoded = DecodeHtml(r.body, r.content_type);
      if (!decoded.ok()) return FinishAttempt(std::move(a), decoded.status());
      r.utf8 = std::move(decoded->utf8);
      r.charset = std::move(decoded->charset);
      r.charset_source = decoded->source;
    }
    FinishAttempt(std::move(a), std::move(r));
  }

  void FinishAttempt(std::unique_ptr<Attempt> a, Result<FetchResponse> result) {
    size_t index = a->index;
    Recycle(std::move(a));
    Finish(index, std::move(result));
  }

  void Recycle(std::unique_ptr<Attempt> a) {
    if (a->easy) free_easy_.push_back(std::move(a->easy));
  }

  void Finish(size_t index, Result<FetchResponse> result) {
    done_[index] = true;
    ++finished_;
    try {
      on_done_(index, std::move(result));
    } catch (...) {
      caller_threw_ = true;
      throw;
    }
  }

  bool CallerAdmits(size_t index) {
    try {
      return admit_(index);
    } catch (...) {
      caller_threw_ = true;
      throw;
    }
  }

  void FailAll(const std::string& message) {
    for (size_t i = 0; i < urls_.size(); ++i) {
      if (!done_[i]) Finish(i, Status(StatusCode::kInternal, message));
    }
  }

  void CancelAll() {
    for (auto& [easy, attempt] : active_) curl_multi_remove_handle(multi_.get(), easy);
    active_.clear();
    for (size_t i = 0; i < urls_.size(); ++i) {
      if (!done_[i]) Finish(i, Status(StatusCode::kNetworkError, std::string(Fetcher::kCancelledMessage)));
    }
  }

  const FetchOptions& o_;
  const std::vector<std::string>& urls_;
  const OnDone& on_done_;
  const std::atomic<bool>* cancel_;
  const Admit& admit_;
  std::vector<Item> items_;
  std::mt19937 rng_;
  const size_t jobs_, per_host_;
  std::unique_ptr<CURLM, MultiDeleter> multi_;
  std::unique_ptr<curl_slist, SlistDeleter> headers_;
  std::string user_agent_;
  std::map<std::string, HostState> hosts_;
  std::vector<HostState*> item_host_;  // into hosts_, whose nodes stay put
  // Hosts with waiting URLs and a free slot, those whose first waiting URL is a retry first, then by that URL's
  // index: URLs start roughly in input order, and picking the next one costs O(log hosts) however long the list.
  std::set<std::pair<size_t, HostState*>> ready_;
  std::map<CURL*, std::unique_ptr<Attempt>> active_;
  std::vector<EasyPtr> free_easy_;
  using Timed = std::pair<Clock::time_point, size_t>;
  std::priority_queue<Timed, std::vector<Timed>, std::greater<Timed>> retries_;
  std::vector<bool> done_;  // reported to on_done
  bool caller_threw_ = false;  // the exception on its way out is on_done's or admit's, not the batch's
  size_t finished_ = 0;
};

}  // namespace

Fetcher::Fetcher(FetchOptions options) : options_(std::move(options)) {}

Result<FetchResponse> Fetcher::Fetch(std::string_view url) const {
  std::vector<std::string> urls{std::string(url)};
  Result<FetchResponse> out = Status(StatusCode::kInternal, "no result");
  FetchMany(urls, [&](size_t, Result<FetchResponse> r) { out = std::move(r); });
  return out;
}

void Fetcher::FetchMany(const std::vector<std::string>& urls,
                        const std::function<void(std::size_t, Result<FetchResponse>)>& on_done,
                        const std::atomic<bool>* cancel,
                        const std::function<bool(std::size_t)>& admit) const {
  // Exceptions from on_done and admit are the caller's and propagate (~Batch releases the handles on the way).
  // Any other (std::bad_alloc outside a transfer's own handling) fails the URLs not yet reported: every URL is
  // still reported exactly once, and no exception of the library's own leaves the API.
  std::optional<Batch> batch;
  try {
    batch.emplace(options_, urls, on_done, cancel, admit);
    batch->Run();
  } catch (...) {
    if (batch && batch->caller_threw()) throw;
    const Status status = CaughtStatus();
    for (size_t i = 0; i < urls.size(); ++i) {
      if (!batch || !batch->done(i)) on_done(i, status);
    }
  }
}

}  // namespace cleaner
