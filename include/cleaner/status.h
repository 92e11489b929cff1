// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Errors are values: every fallible call in cleaner's public API returns a Status or a Result<T>, and no
// exception crosses the API. A Status is cheap to copy (an enum and, on error, a message). Status and Result are
// plain values: safe to use from many threads as long as one object is not written by one thread while another
// reads it.

#ifndef CLEANER_STATUS_H_
#define CLEANER_STATUS_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cleaner {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the caller passed something unusable (an unknown option value, a bad path in the CLI)
  kTooLarge,          // over Options::max_input_bytes or max_elements (a fetched body: FetchOptions::max_body_bytes)
  kNotHtml,           // the input is binary or otherwise not a document
  kParseError,        // the HTML parser gave up
  kIoError,           // reading or writing a file failed
  kNetworkError,      // a fetch failed
  kInternal,          // a bug in cleaner, or memory ran out
};

// Returns a stable lower-case name for `code`, such as "too_large"; used in JSON error records.
std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "too_large: input is 70000000 bytes, over the limit of 67108864"; "ok" when ok().
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or an error Status. Accessing the value of an error Result is a programming error: it prints
// the status to stderr and aborts (in every build; it never throws). Check ok() first. A Result made from an OK
// Status, which carries no value, is an error too (kInternal).
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status)                         // NOLINT: implicit by design
      : data_(status.ok() ? Status(StatusCode::kInternal, "a Result was made from an OK status, without a value")
                          : std::move(status)) {}

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  const T& value() const& { return *Get(); }
  T& value() & { return *Get(); }
  T&& value() && { return std::move(*Get()); }
  const T* operator->() const { return Get(); }
  T* operator->() { return Get(); }
  const T& operator*() const& { return value(); }

 private:
  const T* Get() const {
    const T* v = std::get_if<T>(&data_);
    if (v == nullptr) {
      std::fprintf(stderr, "cleaner: value() of an error Result: %s\n", std::get<Status>(data_).ToString().c_str());
      std::abort();
    }
    return v;
  }
  T* Get() { return const_cast<T*>(static_cast<const Result*>(this)->Get()); }

  std::variant<T, Status> data_;
};

}  // namespace cleaner

#endif  // CLEANER_STATUS_H_
