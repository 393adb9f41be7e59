// The byte-for-byte copy behind EventStore::CopyTo.
#pragma once

#include <filesystem>

#include "db.h"

namespace trygg::eventstore {

// Copies every key and value of every column family of `source`, as one consistent view, into a
// new store at `dir` (written under `dir`.partial, renamed when durable).
Status CopyStore(const Db& source, const std::filesystem::path& dir);

}  // namespace trygg::eventstore
