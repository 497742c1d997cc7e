// Helpers shared by the fact emitters: capped lists, yes/no, "main (extra)", the Name tag.
#include <algorithm>

#include "finding/facts.h"

namespace gdslack::finding_internal {

// "a, b, c" with at most kMaxListItems, then " +N more". Empty items are dropped, duplicates kept once.
std::string JoinCapped(const std::vector<std::string>& items) {
  std::vector<std::string> unique;
  for (const std::string& item : items) {
    if (!item.empty() && std::find(unique.begin(), unique.end(), item) == unique.end()) unique.push_back(item);
  }
  std::string out;
  const std::size_t shown = std::min(unique.size(), kMaxListItems);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += ", ";
    out += unique[i];
  }
  if (unique.size() > shown) out += " +" + std::to_string(unique.size() - shown) + " more";
  return out;
}

// Strings of an array of scalars, or of one member of each object in an array.
std::vector<std::string> Strings(const json* arr, std::string_view member) {
  std::vector<std::string> out;
  if (AsArray(arr) == nullptr) return out;
  for (const json& item : *arr) out.push_back(member.empty() ? Str(&item) : Str(Get(&item, member)));
  return out;
}

std::string YesNo(const json* j) {
  auto b = Bool(j);
  if (!b) return "";
  return *b ? "yes" : "no";
}

std::string WithParen(std::string main, const std::string& extra) {
  if (main.empty()) return extra;
  if (!extra.empty()) main += " (" + extra + ")";
  return main;
}

// Emits "+N more" for repeated facts (one per bucket, image, resource) beyond kMaxListItems.
void AddMore(FactList& out, std::string_view label, std::size_t total) {
  if (total > kMaxListItems) out.Add(label, "+" + std::to_string(total - kMaxListItems) + " more");
}

// Value of the tag with key "Name" in a [{key, value}] array.
std::string NameTag(const json* tags) {
  if (AsArray(tags) == nullptr) return "";
  for (const json& tag : *tags) {
    if (StrAt(&tag, {"key"}) == "Name") return StrAt(&tag, {"value"});
  }
  return "";
}

}  // namespace gdslack::finding_internal
