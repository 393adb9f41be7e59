// The example plan's principals ("Tryggare Värnamo 2026": a coordinator, the four agencies whose
// parts the example writes, an auditor and a reader) in a test's token file, and the arguments
// that make trygg-load-example load the plan with them: what the tests that run trygg-server on
// the example plan share.
#pragma once

#include <string>
#include <vector>

#include "server_process.h"

namespace trygg::testing {

struct ExampleTokens {
  std::string coordinator, police, municipality, social, housing, auditor, reader;
};

// Adds the example's principals to dir/tokens (`trygg-server tokens add`).
inline ExampleTokens MakeExampleTokens(const TempDir& dir) {
  return ExampleTokens{AddToken(dir, "samordnare", "coordinator", "varnamo-kommun-ks"),
                       AddToken(dir, "kommunpolis", "agency", "polisen-lpo-varnamo"),
                       AddToken(dir, "ks-handlaggare", "agency", "varnamo-kommun-ks"),
                       AddToken(dir, "enhetschef-social", "agency", "varnamo-kommun-socialtjansten"),
                       AddToken(dir, "bostadsbolaget", "agency", "allmannyttan-varnamo"),
                       AddToken(dir, "revisor", "auditor"),
                       AddToken(dir, "lasare", "reader")};
}

// trygg-load-example's arguments: load the example plan into the server at `address`.
inline std::vector<std::string> LoaderArgs(const std::string& address, const ExampleTokens& t) {
  return {"--server",
          address,
          "--coordinator-token",
          t.coordinator,
          "--agency-token",
          "polisen-lpo-varnamo=" + t.police,
          "--agency-token",
          "varnamo-kommun-ks=" + t.municipality,
          "--agency-token",
          "varnamo-kommun-socialtjansten=" + t.social,
          "--agency-token",
          "allmannyttan-varnamo=" + t.housing};
}

}  // namespace trygg::testing
