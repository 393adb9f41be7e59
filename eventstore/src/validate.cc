#include "validate.h"

#include <cstdint>
#include <string>

#include "trygg/eventstore/limits.h"

namespace trygg::eventstore {
namespace {

Status Invalid(std::string message) { return Status(Code::kInvalidArgument, std::move(message)); }

// Length of the UTF-8 sequence starting at text[i] and its code point, or 0 when malformed.
std::size_t DecodeUtf8(std::string_view text, std::size_t i, uint32_t& code_point) {
  auto byte = [&](std::size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t lead = byte(i);
  std::size_t len = 0;
  uint32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if ((lead & 0xe0) == 0xc0) {
    len = 2, min = 0x80, code_point = lead & 0x1f;
  } else if ((lead & 0xf0) == 0xe0) {
    len = 3, min = 0x800, code_point = lead & 0x0f;
  } else if ((lead & 0xf8) == 0xf0) {
    len = 4, min = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3f);
  }
  const bool surrogate = code_point >= 0xd800 && code_point <= 0xdfff;
  if (code_point < min || surrogate || code_point > 0x10ffff) return 0;
  return len;
}

Status CheckName(std::string_view field, std::string_view value, std::size_t max_bytes) {
  if (value.empty()) return Invalid(std::string(field) + " must not be empty");
  if (value.size() > max_bytes) {
    return Invalid(std::string(field) + " is " + std::to_string(value.size()) +
                   " bytes; the limit is " + std::to_string(max_bytes));
  }
  if (!IsPrintableUtf8(value)) {
    return Invalid(std::string(field) + " must be printable UTF-8 (no control characters)");
  }
  return Status();
}

Status CheckSize(const std::string& field, std::size_t size, std::size_t max_bytes) {
  if (size <= max_bytes) return Status();
  return Invalid(field + " is " + std::to_string(size) + " bytes; the limit is " +
                 std::to_string(max_bytes));
}

Status CheckMetadata(const Metadata& m, const std::string& where) {
  for (auto [name, value] : {std::pair<const char*, const std::string*>{"principal", &m.principal},
                             {"agency", &m.agency},
                             {"command_id", &m.command_id}}) {
    if (Status s = CheckSize(where + ".metadata." + name, value->size(), kMaxMetadataFieldBytes);
        !s.ok()) {
      return s;
    }
  }
  if (m.extra.size() > kMaxMetadataEntries) {
    return Invalid(where + ".metadata has " + std::to_string(m.extra.size()) +
                   " extra entries; the limit is " + std::to_string(kMaxMetadataEntries));
  }
  for (const auto& [key, value] : m.extra) {
    if (Status s = CheckSize(where + ".metadata key", key.size(), kMaxMetadataFieldBytes);
        !s.ok()) {
      return s;
    }
    if (Status s =
            CheckSize(where + ".metadata[" + key + "]", value.size(), kMaxMetadataValueBytes);
        !s.ok()) {
      return s;
    }
  }
  return Status();
}

}  // namespace

bool IsPrintableUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    std::size_t len = DecodeUtf8(text, i, cp);
    if (len == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return false;
    i += len;
  }
  return true;
}

std::size_t AppendBytes(const AppendRequest& request) {
  std::size_t total = 0;
  for (const EventData& e : request.events) {
    total += e.type.size() + e.payload.size() + e.metadata.principal.size() +
             e.metadata.agency.size() + e.metadata.command_id.size();
    for (const auto& [key, value] : e.metadata.extra) total += key.size() + value.size();
  }
  return total;
}

Status ValidateAppend(const AppendRequest& request) {
  if (Status s = CheckName("stream_id", request.stream_id, kMaxStreamIdBytes); !s.ok()) return s;
  if (Status s =
          CheckSize("idempotency_key", request.idempotency_key.size(), kMaxIdempotencyKeyBytes);
      !s.ok()) {
    return s;
  }
  if (request.events.empty()) return Invalid("events must not be empty");
  if (request.events.size() > kMaxEventsPerAppend) {
    return Invalid("append has " + std::to_string(request.events.size()) +
                   " events; the limit is " + std::to_string(kMaxEventsPerAppend));
  }
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    const EventData& e = request.events[i];
    const std::string where = "events[" + std::to_string(i) + "]";
    if (Status s = CheckName(where + ".type", e.type, kMaxEventTypeBytes); !s.ok()) return s;
    if (Status s = CheckSize(where + ".payload", e.payload.size(), kMaxPayloadBytes); !s.ok()) {
      return s;
    }
    if (Status s = CheckMetadata(e.metadata, where); !s.ok()) return s;
  }
  return CheckSize("append (types, payloads and metadata together)", AppendBytes(request),
                   kMaxAppendBytes);
}

}  // namespace trygg::eventstore
