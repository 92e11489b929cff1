// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Errors are values: every fallible call in cleaner's public API returns a Status or a Result<T>, and no
// exception crosses the API. A Status is cheap to copy (an enum and, on error, a message).

#ifndef CLEANER_STATUS_H_
#define CLEANER_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cleaner {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // the caller passed something unusable (an unknown option value, a bad path)
  kTooLarge,          // the input is over Options::max_input_bytes
  kNotHtml,           // the input is binary or otherwise not a document
  kParseError,        // the HTML parser gave up
  kIoError,           // reading or writing a file failed
  kNetworkError,      // a fetch failed
  kInternal,          // a bug in cleaner
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

  // "too_large: input is 60000000 bytes, over the limit of 52428800"; "ok" when ok().
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or an error Status. Accessing value() of an error Result is a programming error
// (it asserts in debug builds); check ok() first.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}              // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}       // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T* operator->() const { return &std::get<T>(data_); }
  T* operator->() { return &std::get<T>(data_); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace cleaner

#endif  // CLEANER_STATUS_H_
