#include "cli/lambda_entry.h"

namespace gdslack {

int RunLambdaFromEnvironment(const EnvLookup& env) {
  (void)env;
  return 1;
}

}  // namespace gdslack
