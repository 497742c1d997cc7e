// The sample findings compiled into the program, so the quick start works with no input file.
// Sources: testdata/events/demo/*.json (GuardDuty's own sample findings).
#pragma once

#include <string_view>
#include <vector>

namespace gdslack {

struct DemoEvent {
  std::string_view name;
  std::string_view json;
};

const std::vector<DemoEvent>& DemoEvents();

}  // namespace gdslack
