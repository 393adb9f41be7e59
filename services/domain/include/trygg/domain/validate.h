// Validate: checks one request's fields on their own, before any state is consulted. OK, or
// INVALID_ARGUMENT whose message names the first bad field (fields are checked in proto order,
// command_id first), e.g. "due_date must be a date YYYY-MM-DD". The limits are in limits.h.
//
// Not checked here: expected_version (compared with the state in Decide), whether ids refer to
// existing things (Decide), roles (the API layer). The Decide functions call Validate first, so
// calling it separately is only needed to reject a request before loading state.
#pragma once

#include <grpcpp/support/status.h>

#include <string_view>

#include "trygg/v1/action_plan.pb.h"

namespace trygg::domain {

[[nodiscard]] grpc::Status Validate(const v1::CreatePlanRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::RegisterAgencyRequest& request);
// measure_id may be empty (the server generates one); if given it must be a valid id.
[[nodiscard]] grpc::Status Validate(const v1::ProposeMeasureRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::PrioritiseMeasureRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::AssignMeasureRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::StartMeasureRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::ReportProgressRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::CompleteMeasureRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::WithdrawMeasureRequest& request);

// The whole plan. Ids of new things (input_id, finding_id, cause_id, goal_id, group_id,
// promise_id) may be empty (the server generates one); if given they must be valid ids. Lists of
// ids must hold valid ids without repeats, within the limits in limits.h. Enums must be values
// this build knows, and not UNSPECIFIED where the field is required (channel, source, health).
[[nodiscard]] grpc::Status Validate(const v1::RecordResidentInputRequest& request);
// period here is free text (1..kMaxFindingPeriodChars, one line, e.g. "2025–2026"): what a
// source covers is not always a follow-up period.
[[nodiscard]] grpc::Status Validate(const v1::RecordFindingRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::ReviseFindingRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::RetireFindingRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::IdentifyCauseRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::ReviseCauseRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::RetireCauseRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::LinkMeasureToCauseRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::UnlinkMeasureFromCauseRequest& request);
// baseline and target finite; by_date a calendar date.
[[nodiscard]] grpc::Status Validate(const v1::SetOperationalGoalRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::RetireOperationalGoalRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::AddPartnerRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::RemovePartnerRequest& request);
// period as ParsePeriod (period.h) takes it; party empty or an id; comment required for YELLOW
// and RED; hours finite 0..100,000; values at most one per goal, finite.
[[nodiscard]] grpc::Status Validate(const v1::RecordFollowUpRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::FormWorkingGroupRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::ChangeWorkingGroupRequest& request);
// valid_to not before valid_from.
[[nodiscard]] grpc::Status Validate(const v1::MakeCitizenPromiseRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::EndCitizenPromiseRequest& request);
[[nodiscard]] grpc::Status Validate(const v1::AdoptPlanRequest& request);

// The building blocks, for other layers that take the same kinds of values (e.g. query filters).
// True for 1..kMaxIdChars characters of [a-z0-9-].
[[nodiscard]] bool IsValidId(std::string_view id) noexcept;
// OK, or INVALID_ARGUMENT naming `field`: a required id, 1..kMaxIdChars characters of [a-z0-9-].
[[nodiscard]] grpc::Status CheckId(std::string_view field, std::string_view value);
// True for a real calendar date "YYYY-MM-DD" with year 0001..9999 (2026-02-29 is not one).
[[nodiscard]] bool IsValidDate(std::string_view date) noexcept;

}  // namespace trygg::domain
