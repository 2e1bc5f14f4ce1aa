import Knowledge
import ServiceKit

await ServiceMain.run(KnowledgeService.definition)
