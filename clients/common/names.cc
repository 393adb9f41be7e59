#include "common/names.h"

#include <algorithm>
#include <cctype>

#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::client {
namespace {

namespace v1 = ::trygg::v1;

// What a user typed, as an enum name's tail: upper case, '-' and ' ' as '_'.
std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return c == '-' || c == ' ' ? '_' : std::toupper(c); });
  return text;
}

}  // namespace

std::string StatusName(int status) {
  if (status == v1::MEASURE_STATUS_UNSPECIFIED || !v1::MeasureStatus_IsValid(status)) return "";
  return v1::MeasureStatus_Name(status).substr(std::string("MEASURE_STATUS_").size());
}

std::string StatusWords(int status) {
  std::string words = StatusName(status);
  std::transform(words.begin(), words.end(), words.begin(),
                 [](unsigned char c) { return c == '_' ? ' ' : std::tolower(c); });
  return words;
}

std::string PriorityName(int priority) {
  if (priority == v1::PRIORITY_UNSPECIFIED || !v1::Priority_IsValid(priority)) return "";
  return v1::Priority_Name(priority).substr(std::string("PRIORITY_").size());
}

int ParseStatus(const std::string& text) {
  std::string name = Upper(text);
  if (!name.starts_with("MEASURE_STATUS_")) name = "MEASURE_STATUS_" + name;
  v1::MeasureStatus status{};
  if (!v1::MeasureStatus_Parse(name, &status) || status == v1::MEASURE_STATUS_UNSPECIFIED) {
    return -1;
  }
  return status;
}

int ParsePriority(const std::string& text) {
  std::string name = Upper(text);
  if (!name.starts_with("PRIORITY_")) name = "PRIORITY_" + name;
  v1::Priority priority{};
  if (!v1::Priority_Parse(name, &priority) || priority == v1::PRIORITY_UNSPECIFIED) return -1;
  return priority;
}

}  // namespace trygg::client
