import Gateway
import ServiceKit

await ServiceMain.run(GatewayService.definition)
