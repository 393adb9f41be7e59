// The --agency rule of trygg watch (cli/agency_filter.h), event by event, and the names trygg
// shows and accepts for statuses and priorities (cli/describe.h).
#include "cli/agency_filter.h"

#include <gtest/gtest.h>

#include "cli/describe.h"
#include "trygg/v1/event_log.pb.h"
#include "trygg/v1/events.pb.h"
#include "trygg/v1/status.pb.h"

namespace trygg::cli {
namespace {

namespace v1 = ::trygg::v1;

template <class Payload>
v1::Event MakeEvent(const std::string& stream, const std::string& writer_agency,
                    const Payload& payload) {
  v1::Event event;
  event.set_stream_id(stream);
  event.set_agency(writer_agency);
  event.set_type(std::string(Payload::descriptor()->full_name()));
  event.mutable_payload()->PackFrom(payload);
  return event;
}

v1::MeasureAssigned Assigned(const std::string& measure, const std::string& agency) {
  v1::MeasureAssigned assigned;
  assigned.set_measure_id(measure);
  assigned.set_agency_id(agency);
  return assigned;
}

v1::MeasureStarted Started(const std::string& measure) {
  v1::MeasureStarted started;
  started.set_measure_id(measure);
  return started;
}

TEST(CliAgencyFilter, EventsTheAgencysPrincipalsCaused) {
  AgencyFilter filter("polisen");
  EXPECT_TRUE(filter.Matches(MakeEvent("measure-x", "polisen", v1::MeasureProposed())));
  EXPECT_FALSE(filter.Matches(MakeEvent("measure-x", "kommunen", v1::MeasureProposed())));
  EXPECT_FALSE(filter.Matches(MakeEvent("plan-p", "", v1::PlanCreated())));
}

TEST(CliAgencyFilter, ItsOwnRegistration) {
  AgencyFilter filter("polisen");
  v1::AgencyRegistered registered;
  registered.set_agency_id("polisen");
  EXPECT_TRUE(filter.Matches(MakeEvent("agency-polisen", "kommunen", registered)));
  registered.set_agency_id("annan");
  EXPECT_FALSE(filter.Matches(MakeEvent("agency-annan", "kommunen", registered)));
}

TEST(CliAgencyFilter, MeasuresAssignedToItBeforeWatchStarted) {
  AgencyFilter filter("polisen");
  filter.AddMeasure("m-1");
  EXPECT_TRUE(filter.Matches(MakeEvent("measure-m-1", "kommunen", v1::MeasurePrioritised())));
  EXPECT_FALSE(filter.Matches(MakeEvent("measure-m-2", "kommunen", v1::MeasurePrioritised())));
  // A stream whose id merely starts like a measure's is a different measure.
  EXPECT_FALSE(filter.Matches(MakeEvent("measure-m-10", "kommunen", v1::MeasurePrioritised())));
}

TEST(CliAgencyFilter, AssignmentsToAndAwayFromTheAgency) {
  AgencyFilter filter("polisen");
  EXPECT_FALSE(filter.Matches(MakeEvent("measure-m-1", "kommunen", v1::MeasureProposed())));
  EXPECT_TRUE(filter.Matches(MakeEvent("measure-m-1", "kommunen", Assigned("m-1", "polisen"))));
  EXPECT_TRUE(filter.Matches(MakeEvent("measure-m-1", "kommunen", v1::MeasurePrioritised())));
  // Handed away: that assignment is shown, the next events are not.
  EXPECT_TRUE(filter.Matches(MakeEvent("measure-m-1", "kommunen", Assigned("m-1", "social"))));
  EXPECT_FALSE(filter.Matches(MakeEvent("measure-m-1", "social", Started("m-1"))));
  // An assignment between two other agencies is not shown.
  EXPECT_FALSE(filter.Matches(MakeEvent("measure-m-1", "kommunen", Assigned("m-1", "tredje"))));
}

TEST(CliDescribe, WhatAnEventChanged) {
  v1::MeasureProgressReported progress;
  progress.set_percent_complete(60);
  progress.set_note("Två av tre skolor");
  EXPECT_EQ(DescribeChange(MakeEvent("measure-m", "", progress)),
            "progress 60%: Två av tre skolor");
  v1::MeasureAssigned assigned = Assigned("m", "polisen");
  assigned.set_due_date("2027-03-31");
  EXPECT_EQ(DescribeChange(MakeEvent("measure-m", "", assigned)),
            "assigned to polisen, due 2027-03-31");
  v1::Event unknown;
  unknown.set_type("trygg.v1.MeasureReviewed");
  unknown.mutable_payload()->set_type_url("type.googleapis.com/trygg.v1.MeasureReviewed");
  EXPECT_EQ(DescribeChange(unknown),
            "an event of type trygg.v1.MeasureReviewed (this trygg does not know it; upgrade "
            "trygg)");
  EXPECT_FALSE(PrintableEvent(unknown).has_payload());
  EXPECT_TRUE(PrintableEvent(MakeEvent("measure-m", "", progress)).has_payload());
}

}  // namespace
}  // namespace trygg::cli
