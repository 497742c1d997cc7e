// Lambda mode of the program: read configuration, build the clients once per sandbox, run the Runtime API
// loop. Configuration and secret failures go to /runtime/init/error before exiting.
#pragma once

#include "aws/environment.h"

namespace gdslack {

int RunLambdaFromEnvironment(const EnvLookup& env);

}  // namespace gdslack
