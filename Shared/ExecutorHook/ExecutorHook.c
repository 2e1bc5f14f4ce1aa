#include "ExecutorHook.h"
#include <stdatomic.h>
#include <stddef.h>

/// The runtime's hook, as Swift's runtime declares it (swift/Runtime/Concurrency.h): called with the job
/// and the runtime's own enqueue function, in the Swift calling convention.
typedef void (*openmedia_original_enqueue)(void *job) __attribute__((swiftcall));
typedef void (*openmedia_enqueue_hook)(void *job, openmedia_original_enqueue original) __attribute__((swiftcall));
extern _Atomic(openmedia_enqueue_hook) swift_task_enqueueGlobal_hook;

static void (*_Atomic openmedia_enqueue_target)(void *job);

__attribute__((swiftcall)) static void openmedia_enqueue(void *job, openmedia_original_enqueue original) {
    (void)original;
    atomic_load_explicit(&openmedia_enqueue_target, memory_order_relaxed)(job);
}

int openmedia_install_global_executor_hook(void (*enqueue)(void *job)) {
    atomic_store_explicit(&openmedia_enqueue_target, enqueue, memory_order_relaxed);
    openmedia_enqueue_hook expected = NULL;
    return atomic_compare_exchange_strong(&swift_task_enqueueGlobal_hook, &expected, openmedia_enqueue) ? 1 : 0;
}
