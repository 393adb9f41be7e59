#include "example_plan.h"

namespace trygg::projections::testing {
namespace {

void Agencies(History& h) {
  h.RegisterAgency(kPolisen, "Polisen, lokalpolisområde Värnamo", "police");
  h.RegisterAgency(kKs, "Värnamo kommun, kommunledningsförvaltningen", "municipality");
  h.RegisterAgency(kSocialtjansten, "Värnamo kommun, socialförvaltningen", "social services");
  h.RegisterAgency(kUtbildning, "Värnamo kommun, utbildningsförvaltningen", "schools");
  h.RegisterAgency(kFritid, "Värnamo kommun, kultur- och fritidsförvaltningen", "leisure");
  h.RegisterAgency(kTekniska, "Värnamo kommun, tekniska förvaltningen", "streets and parks");
  h.RegisterAgency(kAllmannyttan, "Kommunens bostadsbolag", "housing");
  h.RegisterAgency(kRaddningstjansten, "Räddningstjänsten", "fire and rescue");
}

void Narkotika(History& h) {
  h.Propose("tv26-01", kPlanId, "narkotika", "SSPF-samverkan för unga i riskzon",
            "Skola, socialtjänst, polis och fritid samverkar kring unga i riskzon.");
  h.Propose("tv26-02", kPlanId, "narkotika", "Föräldrautbildning om narkotika och tidiga tecken");
  h.Propose("tv26-03", kPlanId, "narkotika", "Riktade kontroller vid kända försäljningsplatser");
  h.Propose("tv26-04", kPlanId, "narkotika",
            "Fältassistenter kvällstid i centrum och vid resecentrum");
  h.Propose("tv26-05", kPlanId, "narkotika", "Tillsyn av serveringstillstånd och tobaksförsäljning",
            "", "samordnare", kKs);

  h.Prioritise("tv26-01", v1::PRIORITY_HIGH, "Flest unga i riskzon");
  h.Assign("tv26-01", kSocialtjansten, "2026-09-30", "SSPF-gruppen träffas varannan vecka");
  h.Start("tv26-01");
  h.Report("tv26-01", 40, "Tolv ärenden följs upp");

  h.Prioritise("tv26-02", v1::PRIORITY_MEDIUM);
  h.Assign("tv26-02", kSocialtjansten, "2026-10-31");

  h.Prioritise("tv26-03", v1::PRIORITY_HIGH);
  h.Assign("tv26-03", kPolisen, "2026-04-30");
  h.Start("tv26-03");
  h.Complete("tv26-03", "Fyra platser kontrollerade varje vecka under mars och april");

  h.Prioritise("tv26-04", v1::PRIORITY_HIGH);
}

void Otrygghet(History& h) {
  h.Propose("tv26-06", kPlanId, "otrygghet", "Trygghetsvandringar i bostadsområden");
  h.Propose("tv26-07", kPlanId, "otrygghet", "Bättre belysning längs gång- och cykelvägar");
  h.Propose("tv26-08", kPlanId, "otrygghet", "Kamerabevakning vid resecentrum");
  h.Propose("tv26-09", kPlanId, "otrygghet", "Sanering av klotter och skadegörelse inom 24 timmar");
  h.Propose("tv26-10", kPlanId, "otrygghet", "Medborgardialog om trygghet i varje kommundel");

  h.Prioritise("tv26-06", v1::PRIORITY_MEDIUM);
  h.Assign("tv26-06", kAllmannyttan, "2026-08-31");
  h.Start("tv26-06");
  h.Report("tv26-06", 60, "Sex av tio områden genomvandrade");

  h.Prioritise("tv26-07", v1::PRIORITY_MEDIUM);
  h.Assign("tv26-07", kTekniska, "2026-05-31", "Börja med gång- och cykeltunneln vid Vråen");

  h.Prioritise("tv26-08", v1::PRIORITY_MEDIUM);

  h.Prioritise("tv26-09", v1::PRIORITY_LOW);
  h.Assign("tv26-09", kAllmannyttan, "2026-03-31");
  h.Start("tv26-09");
  h.Complete("tv26-09", "Rutin införd; klotter saneras inom ett dygn");
}

void OtillatenPaverkan(History& h) {
  h.Propose("tv26-11", kPlanId, "otillaten-paverkan",
            "Utbildning för anställda om hot och otillåten påverkan");
  h.Propose("tv26-12", kPlanId, "otillaten-paverkan",
            "Rutin för att rapportera hot och påtryckningar mot handläggare");
  h.Propose("tv26-13", kPlanId, "otillaten-paverkan", "Kontroll av leverantörer vid upphandling");
  h.Propose("tv26-14", kPlanId, "otillaten-paverkan",
            "Gemensam lägesbild om kriminella nätverks påverkan, varje kvartal");
  h.Propose("tv26-15", kPlanId, "otillaten-paverkan",
            "Skyddade personuppgifter för utsatta tjänstepersoner");

  h.Prioritise("tv26-11", v1::PRIORITY_HIGH);
  h.Assign("tv26-11", kKs, "2026-12-31");
  h.Start("tv26-11");
  h.Report("tv26-11", 25, "Två av åtta förvaltningar utbildade");

  h.Prioritise("tv26-12", v1::PRIORITY_HIGH);
  h.Assign("tv26-12", kKs, "2026-05-15");
  h.Start("tv26-12");
  h.Complete("tv26-12", "Rutinen antagen av kommunstyrelsen");

  h.Prioritise("tv26-13", v1::PRIORITY_HIGH);

  h.Prioritise("tv26-14", v1::PRIORITY_MEDIUM);
  h.Assign("tv26-14", kPolisen, "2026-12-31");

  h.Prioritise("tv26-15", v1::PRIORITY_LOW);
  h.Assign("tv26-15", kKs, "2026-11-30");
  h.Withdraw("tv26-15", "Hanteras av de nationella reglerna");
}

}  // namespace

void BuildTryggareVarnamo(History& history) {
  history.CreatePlan(kPlanId, "Tryggare Värnamo 2026", "Värnamo kommun",
                     {{"narkotika", "Narkotika"},
                      {"otrygghet", "Otrygghet"},
                      {"otillaten-paverkan", "Otillåten påverkan"}});
  Agencies(history);
  Narkotika(history);
  Otrygghet(history);
  OtillatenPaverkan(history);
}

}  // namespace trygg::projections::testing
