// Every validation rule at its boundary: exactly at a limit is accepted, one past it rejected,
// with INVALID_ARGUMENT and a message that starts with the field's name. Characters are code
// points: 200 "å" (400 bytes) is a valid title.
#include "trygg/domain/validate.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain_test_util.h"
#include "trygg/domain/limits.h"
#include "validation_expectations.h"

namespace trygg::domain {
namespace {

using namespace ::trygg::domain::testing;  // NOLINT(google-build-using-namespace)

// One string field of one request: its name in messages, and Validate of a valid request with
// that field set to the given value.
struct Field {
  std::string name;
  std::function<grpc::Status(const std::string&)> validate;
};

template <class Request, class Setter>
Field MakeField(std::string name, Request (*make)(), Setter set) {
  return {std::move(name), [make, set](const std::string& value) {
            Request request = make();
            set(request, value);
            return Validate(request);
          }};
}

// Adapters so the builders with default arguments fit `Request (*)()`.
v1::RegisterAgencyRequest DefaultRegisterAgency() { return RegisterAgency(); }
v1::PrioritiseMeasureRequest DefaultPrioritise() { return Prioritise(); }
v1::AssignMeasureRequest DefaultAssign() { return Assign(); }
v1::ReportProgressRequest DefaultReportProgress() { return ReportProgress(); }

#define FIELD(name, make, setter) \
  MakeField(name, make, [](auto& request, const std::string& value) { request.setter(value); })

std::vector<Field> CommandIdFields() {
  return {
      FIELD("command_id", CreatePlan, set_command_id),
      FIELD("command_id", DefaultRegisterAgency, set_command_id),
      FIELD("command_id", ProposeMeasure, set_command_id),
      FIELD("command_id", DefaultPrioritise, set_command_id),
      FIELD("command_id", DefaultAssign, set_command_id),
      FIELD("command_id", Start, set_command_id),
      FIELD("command_id", DefaultReportProgress, set_command_id),
      FIELD("command_id", Complete, set_command_id),
      FIELD("command_id", Withdraw, set_command_id),
  };
}

std::vector<Field> IdFields() {
  return {
      FIELD("plan_id", CreatePlan, set_plan_id),
      MakeField("focus_areas[1].key", CreatePlan,
                [](v1::CreatePlanRequest& request, const std::string& value) {
                  request.mutable_focus_areas(1)->set_key(value);
                }),
      FIELD("agency_id", DefaultRegisterAgency, set_agency_id),
      FIELD("plan_id", ProposeMeasure, set_plan_id),
      FIELD("focus_area", ProposeMeasure, set_focus_area),
      FIELD("measure_id", DefaultPrioritise, set_measure_id),
      FIELD("measure_id", DefaultAssign, set_measure_id),
      FIELD("agency_id", DefaultAssign, set_agency_id),
      FIELD("measure_id", Start, set_measure_id),
      FIELD("measure_id", DefaultReportProgress, set_measure_id),
      FIELD("measure_id", Complete, set_measure_id),
      FIELD("measure_id", Withdraw, set_measure_id),
  };
}

std::vector<Field> NameFields() {
  return {
      FIELD("name", CreatePlan, set_name),
      FIELD("municipality", CreatePlan, set_municipality),
      MakeField("focus_areas[0].name", CreatePlan,
                [](v1::CreatePlanRequest& request, const std::string& value) {
                  request.mutable_focus_areas(0)->set_name(value);
                }),
      FIELD("name", DefaultRegisterAgency, set_name),
      FIELD("title", ProposeMeasure, set_title),
  };
}

std::vector<Field> TextFields() {
  return {
      FIELD("description", ProposeMeasure, set_description),
      FIELD("rationale", DefaultPrioritise, set_rationale),
      FIELD("note", DefaultAssign, set_note),
      FIELD("note", DefaultReportProgress, set_note),
      FIELD("outcome", Complete, set_outcome),
      FIELD("reason", Withdraw, set_reason),
  };
}

#undef FIELD

const std::string kAring = "å";                 // 2 bytes, 1 character
const std::string kEmoji = "\xF0\x9F\x9A\x93";  // U+1F693 police car: 4 bytes, 1 character

// Malformed UTF-8, each rejected wherever text is taken.
const std::vector<std::string> kInvalidUtf8 = {
    std::string("a\xC3"),             // truncated two-byte sequence
    std::string("\x80"),              // lone continuation byte
    std::string("\xC0\xAF"),          // overlong "/"
    std::string("\xE0\x80\xAF"),      // overlong, three bytes
    std::string("\xED\xA0\x80"),      // UTF-16 surrogate U+D800
    std::string("\xF4\x90\x80\x80"),  // past U+10FFFF
    std::string("\xFF"),              // never valid
};

// --- The valid baseline ------------------------------------------------------------------------

TEST(ValidateTest, BuildersAreValid) {
  EXPECT_TRUE(Accepted(Validate(CreatePlan())));
  EXPECT_TRUE(Accepted(Validate(RegisterAgency())));
  EXPECT_TRUE(Accepted(Validate(ProposeMeasure())));
  EXPECT_TRUE(Accepted(Validate(Prioritise())));
  EXPECT_TRUE(Accepted(Validate(Assign())));
  EXPECT_TRUE(Accepted(Validate(Start())));
  EXPECT_TRUE(Accepted(Validate(ReportProgress())));
  EXPECT_TRUE(Accepted(Validate(Complete())));
  EXPECT_TRUE(Accepted(Validate(Withdraw())));
}

// --- command_id ---------------------------------------------------------------------------------

TEST(ValidateTest, CommandIdIsRequiredOnEveryRequest) {
  for (const Field& field : CommandIdFields()) {
    EXPECT_TRUE(RejectedNaming(field.validate(""), "command_id"));
  }
}

TEST(ValidateTest, CommandIdAtMostOneHundredVisibleAsciiCharacters) {
  for (const Field& field : CommandIdFields()) {
    EXPECT_TRUE(Accepted(field.validate("x")));
    EXPECT_TRUE(Accepted(field.validate(Repeat("x", kMaxCommandIdChars))));
    EXPECT_TRUE(Accepted(field.validate("0190c3a2-7b1e-7cc0-9d2a-3f5e8b1c0a42")));
    EXPECT_TRUE(Accepted(field.validate("!~")));
    EXPECT_TRUE(RejectedNaming(field.validate(Repeat("x", kMaxCommandIdChars + 1)), "command_id"));
    EXPECT_TRUE(RejectedNaming(field.validate("cmd 1"), "command_id"));
    EXPECT_TRUE(RejectedNaming(field.validate("cmd\n1"), "command_id"));
    EXPECT_TRUE(RejectedNaming(field.validate("åtgärd-1"), "command_id"));
  }
}

// --- ids ----------------------------------------------------------------------------------------

TEST(ValidateTest, IdsAreOneToOneHundredOfLowercaseDigitsAndHyphens) {
  for (const Field& field : IdFields()) {
    SCOPED_TRACE(field.name);
    EXPECT_TRUE(Accepted(field.validate("a")));
    EXPECT_TRUE(Accepted(field.validate("0-9-z")));
    EXPECT_TRUE(Accepted(field.validate(Repeat("a", kMaxIdChars))));
    EXPECT_TRUE(RejectedNaming(field.validate(""), field.name));
    EXPECT_TRUE(RejectedNaming(field.validate(Repeat("a", kMaxIdChars + 1)), field.name));
    for (const std::string bad : {"Abc", "a_b", "a b", "a.b", "a/b", "värnamo", "a\n"}) {
      EXPECT_TRUE(RejectedNaming(field.validate(bad), field.name)) << bad;
    }
  }
}

TEST(ValidateTest, IsValidIdIsTheSameRule) {
  EXPECT_TRUE(IsValidId("polisen-lpo-varnamo"));
  EXPECT_TRUE(IsValidId(Repeat("9", kMaxIdChars)));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId(Repeat("9", kMaxIdChars + 1)));
  EXPECT_FALSE(IsValidId("M-1"));
}

TEST(ValidateTest, ProposedMeasureIdIsOptionalButMustBeAnIdIfGiven) {
  v1::ProposeMeasureRequest request = ProposeMeasure();
  request.clear_measure_id();
  EXPECT_TRUE(Accepted(Validate(request)));
  request.set_measure_id(Repeat("m", kMaxIdChars));
  EXPECT_TRUE(Accepted(Validate(request)));
  request.set_measure_id(Repeat("m", kMaxIdChars + 1));
  EXPECT_TRUE(RejectedNaming(Validate(request), "measure_id"));
  request.set_measure_id("M-1");
  EXPECT_TRUE(RejectedNaming(Validate(request), "measure_id"));
}

// --- names and titles ---------------------------------------------------------------------------

TEST(ValidateTest, NamesAreOneToTwoHundredCharactersCountedAsCodePoints) {
  for (const Field& field : NameFields()) {
    SCOPED_TRACE(field.name);
    EXPECT_TRUE(Accepted(field.validate("X")));
    EXPECT_TRUE(Accepted(field.validate(Repeat("a", kMaxNameChars))));
    EXPECT_TRUE(Accepted(field.validate(Repeat(kAring, kMaxNameChars))));  // 400 bytes
    EXPECT_TRUE(Accepted(field.validate(Repeat(kEmoji, kMaxNameChars))));  // 800 bytes
    EXPECT_TRUE(RejectedNaming(field.validate(""), field.name));
    EXPECT_TRUE(RejectedNaming(field.validate(Repeat("a", kMaxNameChars + 1)), field.name));
    const grpc::Status over = field.validate(Repeat(kAring, kMaxNameChars + 1));
    EXPECT_TRUE(RejectedNaming(over, field.name));
    EXPECT_EQ(over.error_message(), field.name + " must be at most 200 characters (got 201)");
  }
}

TEST(ValidateTest, NamesAreOneLineWithoutControlCharactersAndNotBlank) {
  for (const Field& field : NameFields()) {
    SCOPED_TRACE(field.name);
    EXPECT_TRUE(Accepted(field.validate("Otillåten påverkan — ÅÄÖ åäö")));
    EXPECT_TRUE(Accepted(field.validate(" Leading and trailing spaces ")));
    for (const std::string bad :
         {"two\nlines", "tab\there", "cr\r", "del\x7F", "bell\a", "c1\xC2\x85" /* U+0085 NEL */}) {
      EXPECT_TRUE(RejectedNaming(field.validate(bad), field.name)) << bad;
    }
    EXPECT_TRUE(RejectedNaming(field.validate(std::string("nul\0x", 5)), field.name));
    EXPECT_TRUE(RejectedNaming(field.validate("   "), field.name));
    EXPECT_TRUE(
        RejectedNaming(field.validate("\xC2\xA0\xE3\x80\x80"), field.name));  // NBSP, ideographic
    for (const std::string& bad : kInvalidUtf8) {
      const grpc::Status status = field.validate("ok " + bad);
      EXPECT_TRUE(RejectedNaming(status, field.name));
      EXPECT_EQ(status.error_message(), field.name + " must be valid UTF-8");
    }
  }
}

TEST(ValidateTest, KindIsOptionalUpToTwoHundredCharacters) {
  v1::RegisterAgencyRequest request = RegisterAgency();
  request.clear_kind();
  EXPECT_TRUE(Accepted(Validate(request)));
  request.set_kind(Repeat(kAring, kMaxKindChars));
  EXPECT_TRUE(Accepted(Validate(request)));
  request.set_kind(Repeat(kAring, kMaxKindChars + 1));
  EXPECT_TRUE(RejectedNaming(Validate(request), "kind"));
  request.set_kind("police\n");
  EXPECT_TRUE(RejectedNaming(Validate(request), "kind"));
  request.set_kind("\xC0\xAF");
  EXPECT_TRUE(RejectedNaming(Validate(request), "kind"));
}

// --- free text ----------------------------------------------------------------------------------

TEST(ValidateTest, TextIsOptionalUpToTenThousandCharacters) {
  for (const Field& field : TextFields()) {
    SCOPED_TRACE(field.name);
    EXPECT_TRUE(Accepted(field.validate("")));
    EXPECT_TRUE(Accepted(field.validate(Repeat(kAring, kMaxTextChars))));  // 20,000 bytes
    EXPECT_TRUE(RejectedNaming(field.validate(Repeat(kAring, kMaxTextChars + 1)), field.name));
    EXPECT_TRUE(RejectedNaming(field.validate(Repeat("a", kMaxTextChars + 1)), field.name));
  }
}

TEST(ValidateTest, TextMaySpanLinesButHasNoOtherControlCharacters) {
  for (const Field& field : TextFields()) {
    SCOPED_TRACE(field.name);
    EXPECT_TRUE(Accepted(field.validate("Rad ett.\nRad två.\r\n\tIndrag.")));
    EXPECT_TRUE(RejectedNaming(field.validate("bell\a"), field.name));
    EXPECT_TRUE(RejectedNaming(field.validate(std::string("nul\0", 4)), field.name));
    EXPECT_TRUE(RejectedNaming(field.validate("esc\x1B[0m"), field.name));
    for (const std::string& bad : kInvalidUtf8) {
      EXPECT_TRUE(RejectedNaming(field.validate(bad), field.name));
    }
  }
}

// --- focus areas --------------------------------------------------------------------------------

v1::CreatePlanRequest PlanWithFocusAreas(std::size_t count) {
  v1::CreatePlanRequest request = CreatePlan();
  request.clear_focus_areas();
  for (std::size_t i = 0; i < count; ++i) {
    v1::FocusArea* area = request.add_focus_areas();
    area->set_key("area-" + std::to_string(i));
    area->set_name("Område " + std::to_string(i));
  }
  return request;
}

TEST(ValidateTest, PlanHasOneToFiftyFocusAreas) {
  EXPECT_TRUE(RejectedNaming(Validate(PlanWithFocusAreas(0)), "focus_areas"));
  EXPECT_TRUE(Accepted(Validate(PlanWithFocusAreas(kMinFocusAreas))));
  EXPECT_TRUE(Accepted(Validate(PlanWithFocusAreas(kMaxFocusAreas))));
  const grpc::Status over = Validate(PlanWithFocusAreas(kMaxFocusAreas + 1));
  EXPECT_TRUE(RejectedNaming(over, "focus_areas"));
  EXPECT_EQ(over.error_message(), "focus_areas must have at most 50 entries (got 51)");
}

TEST(ValidateTest, FocusAreaKeysAreUnique) {
  v1::CreatePlanRequest request = PlanWithFocusAreas(3);
  request.mutable_focus_areas(2)->set_key("area-0");
  const grpc::Status status = Validate(request);
  EXPECT_TRUE(RejectedNaming(status, "focus_areas[2].key"));
  EXPECT_EQ(status.error_message(),
            "focus_areas[2].key 'area-0' repeats focus_areas[0].key; keys must be unique");
  // Names may repeat; only keys identify.
  request.mutable_focus_areas(2)->set_key("area-2");
  request.mutable_focus_areas(2)->set_name("Område 0");
  EXPECT_TRUE(Accepted(Validate(request)));
}

// --- due_date -----------------------------------------------------------------------------------

TEST(ValidateTest, DueDateIsARealCalendarDate) {
  for (const std::string good :
       {"2026-06-30", "2026-01-01", "2026-12-31", "2026-02-28", "2028-02-29", "2000-02-29",
        "0001-01-01", "9999-12-31", "2026-04-30", "2026-01-31"}) {
    v1::AssignMeasureRequest request = Assign();
    request.set_due_date(good);
    EXPECT_TRUE(Accepted(Validate(request))) << good;
    EXPECT_TRUE(IsValidDate(good)) << good;
  }
  for (const std::string bad :
       {"",           "2026-02-30", "2026-02-29", "1900-02-29",       "2026-04-31",  "2026-13-01",
        "2026-00-10", "2026-01-00", "2026-01-32", "0000-01-01",       "2026-1-01",   "2026-01-1",
        "26-01-01",   "2026/01/01", "20260101",   "2026-01-01T00:00", " 2026-01-01", "2026-01-01 ",
        "+026-01-01", "2026-0a-01", "२०२६-01-01"}) {
    v1::AssignMeasureRequest request = Assign();
    request.set_due_date(bad);
    const grpc::Status status = Validate(request);
    EXPECT_TRUE(RejectedNaming(status, "due_date")) << bad;
    EXPECT_FALSE(IsValidDate(bad)) << bad;
  }
}

// --- numbers and enums --------------------------------------------------------------------------

TEST(ValidateTest, PercentCompleteIsZeroToOneHundred) {
  EXPECT_TRUE(Accepted(Validate(ReportProgress(0))));
  EXPECT_TRUE(Accepted(Validate(ReportProgress(kMaxPercentComplete))));
  const grpc::Status over = Validate(ReportProgress(kMaxPercentComplete + 1));
  EXPECT_TRUE(RejectedNaming(over, "percent_complete"));
  EXPECT_EQ(over.error_message(), "percent_complete must be 0-100 (got 101)");
  EXPECT_TRUE(RejectedNaming(Validate(ReportProgress(4294967295u)), "percent_complete"));
}

TEST(ValidateTest, PriorityMustBeSpecifiedAndKnown) {
  EXPECT_TRUE(Accepted(Validate(Prioritise(v1::PRIORITY_HIGH))));
  EXPECT_TRUE(Accepted(Validate(Prioritise(v1::PRIORITY_MEDIUM))));
  EXPECT_TRUE(Accepted(Validate(Prioritise(v1::PRIORITY_LOW))));
  EXPECT_TRUE(RejectedNaming(Validate(Prioritise(v1::PRIORITY_UNSPECIFIED)), "priority"));
  EXPECT_TRUE(RejectedNaming(Validate(Prioritise(static_cast<v1::Priority>(4))), "priority"));
}

// --- order --------------------------------------------------------------------------------------

TEST(ValidateTest, FirstBadFieldInProtoOrderIsNamed) {
  v1::AssignMeasureRequest request = Assign();
  request.set_command_id("");
  request.set_due_date("someday");
  EXPECT_TRUE(RejectedNaming(Validate(request), "command_id"));
  request.set_command_id("cmd");
  EXPECT_TRUE(RejectedNaming(Validate(request), "due_date"));
}

}  // namespace
}  // namespace trygg::domain
