// libFuzzer target for the routing configuration: libyaml's events turned into a tree (routing/yaml_document.cc,
// hand-written: anchors, aliases, nesting) and the loader's walk over it. Any text must give a configuration
// or one kConfig error line naming the source, never a crash, a hang or an error of another kind.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "routing/config_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const gdslack::Result<gdslack::RoutingConfig> config = gdslack::LoadRoutingConfig(text, "fuzz.yaml");
  if (!config) {
    const std::string& message = config.error().message();
    if (config.error().code() != gdslack::Code::kConfig) std::abort();
    if (message.rfind("fuzz.yaml:", 0) != 0 || message.find('\n') != std::string::npos) std::abort();
  }
  return 0;
}
