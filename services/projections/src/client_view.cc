#include "client_view.h"

#include <string>

#include "plan_picture.h"

namespace trygg::projections {
namespace {

bool Overdue(const MeasureEntry& entry, std::string_view today) {
  return IsOverdue(entry.view.status(), entry.view.due_date(), today);
}

bool ChangedSinceAdoption(const MeasureEntry& entry) {
  return entry.filing.picture->ChangedSinceAdoption(entry.view.plan_version());
}

}  // namespace

void FinishView(const MeasureEntry& entry, std::string_view today, v1::Measure& view) {
  view.set_overdue(Overdue(entry, today));
  view.set_changed_since_adoption(ChangedSinceAdoption(entry));
}

void AppendView(const MeasureEntry& entry, std::string_view today,
                google::protobuf::RepeatedPtrField<v1::Measure>* out) {
  v1::Measure* view = out->Add();
  *view = entry.view;
  FinishView(entry, today, *view);
}

void AppendViewBytes(const MeasureEntry& entry, uint32_t field_number, std::string_view today,
                     google::protobuf::io::CodedOutputStream& out) {
  using google::protobuf::io::CodedOutputStream;
  constexpr uint32_t kLengthDelimited = 2;
  constexpr uint32_t kVarint = 0;
  constexpr uint32_t kOverdueTag = (v1::Measure::kOverdueFieldNumber << 3) | kVarint;
  constexpr uint32_t kChangedTag = (v1::Measure::kChangedSinceAdoptionFieldNumber << 3) | kVarint;
  const bool overdue = Overdue(entry, today);
  const bool changed = ChangedSinceAdoption(entry);
  const std::string& bytes = entry.Bytes();
  out.WriteTag((field_number << 3) | kLengthDelimited);
  out.WriteVarint64(bytes.size() +
                    (overdue ? CodedOutputStream::VarintSize32(kOverdueTag) + 1 : 0) +
                    (changed ? CodedOutputStream::VarintSize32(kChangedTag) + 1 : 0));
  out.WriteRaw(bytes.data(), static_cast<int>(bytes.size()));
  if (overdue) {
    out.WriteTag(kOverdueTag);
    out.WriteVarint32(1);
  }
  if (changed) {
    out.WriteTag(kChangedTag);
    out.WriteVarint32(1);
  }
}

}  // namespace trygg::projections
