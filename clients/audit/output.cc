#include "audit/output.h"

#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <limits>

#include "audit/payload.h"

namespace trygg::audit {
std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

client::Table TextTable(const std::vector<std::string>& header) {
  std::vector<client::Column> columns;
  for (const std::string& name : header) {
    client::Column column;
    column.header = client::SanitizeLine(name);
    columns.push_back(std::move(column));
  }
  return client::Table(std::move(columns));
}

void PrintTable(const client::Table& table, std::ostream& out, std::string_view indent) {
  const std::string text = table.Render(std::numeric_limits<std::size_t>::max(), /*colour=*/false);
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    out << indent << std::string_view(text).substr(start, end + 1 - start);
    start = end + 1;
  }
}

client::JsonObject JsonDocument() {
  return client::JsonObject(client::JsonObject::Layout::kCompact);
}

std::string MessageJson(const google::protobuf::Message& message) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, JsonOptions()).ok()) {
    return "null";  // only a message holding an Any of an unknown type cannot print
  }
  return json;
}

Progress::Progress(std::string label) : label_(std::move(label)), enabled_(::isatty(2) == 1) {}

Progress::~Progress() {
  if (drawn_) std::cerr << "\r\x1b[K" << std::flush;
}

void Progress::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const uint64_t percent = total == 0 ? 100 : std::min<uint64_t>(100, done * 100 / total);
  std::cerr << "\r\x1b[K" << label_ << ' ' << percent << "% (" << Thousands(done) << " of "
            << Thousands(total) << " events)" << std::flush;
}

}  // namespace trygg::audit
