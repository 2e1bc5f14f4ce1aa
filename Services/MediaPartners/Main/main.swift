import MediaPartners
import ServiceKit

await ServiceMain.run(MediaPartnersService.definition)
