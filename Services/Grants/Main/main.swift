import Grants
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(GrantsService.definition)
