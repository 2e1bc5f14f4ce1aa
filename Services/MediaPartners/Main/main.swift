import MediaPartners
import ServiceKit

ServiceMain.runTasksOnEventLoops()
await ServiceMain.run(MediaPartnersService.definition)
