// A measure as a client sees it: the stored view, plus what depends on the date a query asks about
// (`overdue`) or on the plan's adoptions since (`changed_since_adoption`). Neither is stored: both
// change without an event of the measure.
#pragma once

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <cstdint>
#include <string_view>

#include "measure_views.h"
#include "trygg/v1/status.pb.h"

namespace trygg::projections {

// Sets the fields that are not stored on `view`, a copy of `entry`'s view.
void FinishView(const MeasureEntry& entry, std::string_view today, v1::Measure& view);

// Appends a copy of the entry's view, finished.
void AppendView(const MeasureEntry& entry, std::string_view today,
                google::protobuf::RepeatedPtrField<v1::Measure>* out);

// Writes the same as field `field_number` of an enclosing message: the stored view's bytes
// (serialised once per change, see MeasureEntry::Bytes), then the unstored fields that are true.
// Stored views never set them, and a parser takes fields in any order, so this is what
// serialising AppendView's copy would write.
void AppendViewBytes(const MeasureEntry& entry, uint32_t field_number, std::string_view today,
                     google::protobuf::io::CodedOutputStream& out);

}  // namespace trygg::projections
