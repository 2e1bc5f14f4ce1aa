import Broadcasts
import ServiceKit

await ServiceMain.run(BroadcastsService.definition)
