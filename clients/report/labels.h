// The words of the reports in Swedish and English, in one place: headings, column names, the facts
// under the title, and the contract's enums in the plain words a steering group or a resident
// reads ("Pågår", "Engångsinsats", "Grön"). The CLI's machine spellings stay in common/names.h;
// they are only the fallback here for an enum value newer than this table.
#pragma once

#include <string>

#include "report/document.h"

namespace trygg::report {

// Every fixed text of the reports in one language. The Swedish words are the council template's
// own (Orsak, Åtgärd, Operativt mål, När, Vem, Uppföljning).
struct Labels {
  // Titles and the facts under them.
  const char* plan_title;       // "Handlingsplan"
  const char* follow_up_title;  // "Uppföljning"
  const char* public_title;     // "Medborgarlöften"
  const char* as_of;            // "Läget den" (followed by the date)
  const char* position;
  const char* recorded_at;
  const char* head_hash;
  const char* plan_version;
  const char* not_adopted;
  const char* adopted_by;  // "antagen av" (… "den" date)
  const char* on_date;     // "den"
  const char* period;
  const char* no_period;
  const char* previous_period;
  const char* summary;  // the summary section's title and sheet name
  const char* municipality;
  const char* whole_plan;

  // The plan kind.
  const char* cause;  // "Orsak" (… 2: text)
  const char* causes_table;
  const char* findings;
  const char* measures_table;
  const char* no;
  const char* measure;
  const char* goal;
  const char* when;
  const char* who;
  const char* type;
  const char* follow_up;
  const char* responsible;
  const char* partner;
  const char* by;  // a goal's date: "senast"
  const char* no_cause;
  const char* no_follow_up_yet;
  const char* no_causes;
  const char* status_per_area;
  const char* focus_area;
  const char* overdue;
  const char* working_groups;
  const char* group;
  const char* members;
  const char* every_focus_area;

  // The follow-up kind.
  const char* per_focus_area;
  const char* per_agency;
  const char* agency;
  const char* missing;
  const char* hours;
  const char* cost;
  const char* goals_met;
  const char* goals_not_met;
  const char* goals_not_measured;
  const char* health_over_periods;
  const char* follow_up_per_measure;
  const char* health;
  const char* comment;
  const char* goals_table;
  const char* goals_chart;
  const char* indicator;
  const char* unit;
  const char* baseline;
  const char* target;
  const char* latest_value;
  const char* met;
  const char* yes;
  const char* no_word;
  const char* changes;
  const char* change;
  const char* from;
  const char* to;
  const char* overdue_table;
  const char* due;
  const char* status;
  const char* yellow_red;
  const char* to_fix;  // "Att åtgärda före nästa period"
  const char* flag;
  const char* concerns;
  const char* nothing_followed_up;
  const char* role;
  const char* none;  // an empty list: "inga"

  // The public kind.
  const char* public_intro;
  const char* promise;  // "Löfte" (… 1)
  const char* signed_by;
  const char* valid_from;
  const char* valid_to;
  const char* promise_state;
  const char* in_force;
  const char* ended;
  const char* fulfilled_by;
  const char* unknown_measure;
};

const Labels& LabelsFor(Lang lang);

// A v1::MeasureStatus as the plan and the follow-up name it ("Tilldelad"), and as the public page
// does ("Planerad"; a withdrawn measure "Avslutad utan genomförande").
std::string StatusLabel(Lang lang, int status);
std::string PublicStatusLabel(Lang lang, int status);
std::string PriorityLabel(Lang lang, int priority);  // v1::Priority; "" unprioritised
// v1::MeasureKind, v1::Effort, v1::ExpectedEffect, v1::Health, v1::FindingSource; "" for
// UNSPECIFIED.
std::string MeasureKindLabel(Lang lang, int kind);
std::string EffortLabel(Lang lang, int effort);
std::string ExpectedEffectLabel(Lang lang, int effect);
std::string HealthLabel(Lang lang, int health);
std::string FindingSourceLabel(Lang lang, int source);
std::string ChangeLabel(Lang lang, int change);  // v1::MeasureChangeKind
std::string FlagLabel(Lang lang, int flag);      // v1::TraceabilityFlag

}  // namespace trygg::report
