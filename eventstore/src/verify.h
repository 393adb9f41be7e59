// The full-log integrity walk behind EventStore::Verify (docs/storage-format.md, "The hash chain").
#pragma once

#include "db.h"

namespace trygg::eventstore {

// Reads through one snapshot (on a writable instance), so it may run while the writer appends.
Result<VerifyReport> VerifyLog(const Db& db, const VerifyOptions& options);

}  // namespace trygg::eventstore
