import Gateway
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(GatewayService.definition)
