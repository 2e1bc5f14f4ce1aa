import Grants
import ServiceKit

await ServiceMain.run(GrantsService.definition)
