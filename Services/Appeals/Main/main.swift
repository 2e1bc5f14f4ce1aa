import Appeals
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(AppealsService.definition)
