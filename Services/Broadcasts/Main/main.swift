import Broadcasts
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(BroadcastsService.definition)
