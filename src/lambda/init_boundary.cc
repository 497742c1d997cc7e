#include "lambda/init_boundary.h"

#include <exception>
#include <new>

#include "lambda/runtime_loop.h"

namespace gdslack {

int RunLambdaGuarded(std::string_view runtime_api, HttpClient& runtime_http, const std::function<int()>& lambda_main) {
  const char* what = nullptr;
  try {
    return lambda_main();
  } catch (const std::bad_alloc&) {
    what = "out of memory during initialization";
  } catch (const std::exception&) {
    what = "internal error during initialization (exception)";
  } catch (...) {
    what = "internal error during initialization (unknown exception)";
  }
  // kInternal maps to Runtime.InitError (runtime_loop.h InitErrorType).
  return RunLambda(runtime_api, runtime_http, Status(Code::kInternal, what));
}

}  // namespace gdslack
