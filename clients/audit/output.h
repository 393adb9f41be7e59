// Output helpers of trygg-audit: its tables and JSON documents, made by the clients' shared ones
// (common/table.h, common/json.h), and a progress line on a terminal.
#pragma once

#include <google/protobuf/message.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/table.h"
#include "trygg/eventstore/event_store.h"

namespace trygg::audit {

// "1,234,567".
std::string Thousands(uint64_t n);

// A table as trygg-audit prints them: `header` is its first row, and every row has as many cells.
// It is the clients' shared table (common/table.h), so each cell is sanitised before it reaches a
// terminal (a title a tampered store holds cannot drive it) and columns line up by display width.
client::Table TextTable(const std::vector<std::string>& header);
// `table` without colour, never shortened, each line after `indent`.
void PrintTable(const client::Table& table, std::ostream& out, std::string_view indent = "");

// A JSON document as trygg-audit prints them: on one line (common/json.h).
client::JsonObject JsonDocument();
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
