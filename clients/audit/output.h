// Output of trygg-audit: aligned tables for people, JSON for programs, and a progress line on a
// terminal.
#pragma once

#include <google/protobuf/message.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "trygg/eventstore/event_store.h"

namespace trygg::audit {

// "1,234,567".
std::string Thousands(uint64_t n);

// Rows of cells printed with each column padded to its widest cell (counted in characters, not
// bytes, so "Värnamo" lines up); the last column is not padded.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out, std::string_view indent = "") const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// A JSON object, written in the order its members are added.
class JsonObject {
 public:
  JsonObject& AddString(std::string_view key, std::string_view value);
  JsonObject& AddNumber(std::string_view key, uint64_t value);
  JsonObject& AddBool(std::string_view key, bool value);
  JsonObject& AddNull(std::string_view key);
  // `json` is already JSON (an object, array, ...).
  JsonObject& AddRaw(std::string_view key, std::string_view json);
  std::string str() const { return body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_ = "{";
};

// A JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);
// "[a,b,...]" from elements that are JSON already.
std::string JsonArray(const std::vector<std::string>& elements);
// A message in protobuf's JSON mapping (audit's JsonOptions), compact.
std::string MessageJson(const google::protobuf::Message& message);

// A progress line on stderr — "verifying 45% (450,000 of 1,000,000 events)" — when stderr is a
// terminal, redrawn at most ten times a second and erased when done; nothing otherwise.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Update(uint64_t done, uint64_t total);
  // Update as a callback, for as long as this object lives.
  eventstore::VerifyProgress callback() {
    return [this](uint64_t done, uint64_t total) { Update(done, total); };
  }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace trygg::audit
