#include "common/names.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cctype>

#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::client {
namespace {

namespace v1 = ::trygg::v1;
using google::protobuf::EnumDescriptor;

// What a user typed, as an enum name's tail: upper case, '-' and ' ' as '_'.
std::string Upper(std::string_view text) {
  std::string name(text);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return c == '-' || c == ' ' ? '_' : std::toupper(c); });
  return name;
}

// The enum's prefix: its UNSPECIFIED value's name without "UNSPECIFIED" ("INPUT_CHANNEL_").
std::string Prefix(const EnumDescriptor& type) {
  const std::string& unspecified = type.FindValueByNumber(0)->name();
  return unspecified.substr(0, unspecified.size() - std::string_view("UNSPECIFIED").size());
}

// The value `text` names in `type`, with or without the prefix; -1 for none and UNSPECIFIED.
int Parse(const EnumDescriptor& type, std::string_view text) {
  const std::string prefix = Prefix(type);
  std::string name = Upper(text);
  if (!name.starts_with(prefix)) name = prefix + name;
  const auto* value = type.FindValueByName(name);
  return value == nullptr || value->number() == 0 ? -1 : value->number();
}

// The name of `value` in `type` without the prefix; "" for UNSPECIFIED and unknown values.
std::string Name(const EnumDescriptor& type, int value) {
  const auto* found = type.FindValueByNumber(value);
  if (found == nullptr || value == 0) return "";
  return found->name().substr(Prefix(type).size());
}

struct VocabularyInfo {
  const EnumDescriptor* type;
  const char* noun;  // for "'x' is not <noun>"
};

VocabularyInfo Info(Vocabulary vocabulary) {
  switch (vocabulary) {
    case Vocabulary::kInputChannel: return {v1::InputChannel_descriptor(), "a channel"};
    case Vocabulary::kFindingSource: return {v1::FindingSource_descriptor(), "a source"};
    case Vocabulary::kMeasureKind: return {v1::MeasureKind_descriptor(), "a kind"};
    case Vocabulary::kEffort: return {v1::Effort_descriptor(), "an effort"};
    case Vocabulary::kExpectedEffect:
      return {v1::ExpectedEffect_descriptor(), "an expected effect"};
    case Vocabulary::kHealth: return {v1::Health_descriptor(), "a health colour"};
  }
  return {v1::Health_descriptor(),
          "a health colour"};  // unreachable: the switch covers every value
}

}  // namespace

std::string StatusName(int status) { return Name(*v1::MeasureStatus_descriptor(), status); }

std::string StatusWords(int status) {
  std::string words = StatusName(status);
  std::transform(words.begin(), words.end(), words.begin(),
                 [](unsigned char c) { return c == '_' ? ' ' : std::tolower(c); });
  return words;
}

std::string PriorityName(int priority) { return Name(*v1::Priority_descriptor(), priority); }

int ParseStatus(const std::string& text) { return Parse(*v1::MeasureStatus_descriptor(), text); }

int ParsePriority(const std::string& text) { return Parse(*v1::Priority_descriptor(), text); }

std::string EnumName(Vocabulary vocabulary, int value) {
  return Name(*Info(vocabulary).type, value);
}

std::string EnumWord(Vocabulary vocabulary, int value) {
  std::string word = EnumName(vocabulary, value);
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return c == '_' ? '-' : std::tolower(c); });
  return word;
}

int ParseEnum(Vocabulary vocabulary, std::string_view text) {
  return Parse(*Info(vocabulary).type, text);
}

std::string EnumError(Vocabulary vocabulary, std::string_view text) {
  if (ParseEnum(vocabulary, text) >= 0) return "";
  const VocabularyInfo info = Info(vocabulary);
  std::string message = "'" + std::string(text) + "' is not " + info.noun + "; use ";
  const int count = info.type->value_count();
  for (int i = 1; i < count; ++i) {  // value 0 is UNSPECIFIED
    if (i > 1) message += i + 1 == count ? " or " : ", ";
    message += EnumWord(vocabulary, info.type->value(i)->number());
  }
  return message;
}

}  // namespace trygg::client
