#ifndef OPENMEDIA_EXECUTOR_HOOK_H
#define OPENMEDIA_EXECUTOR_HOOK_H

/// Sends every job Swift concurrency would put on its global executor to `enqueue` instead.
///
/// Why C: the hook is a variable of the Swift runtime. With the standard library linked statically
/// (deploy/release-build) the runtime's symbols are not exported, so SwiftNIO's own installer, which finds
/// the variable with dlsym, cannot see it; a reference the linker resolves can.
///
/// Returns 1 when installed, 0 when a hook was already there (which is then left alone).
int openmedia_install_global_executor_hook(void (*enqueue)(void *job));

#endif
