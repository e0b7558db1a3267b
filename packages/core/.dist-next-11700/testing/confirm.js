/** Client options for a client that can put a form question to its user. */
export const CAN_ASK_USER = { capabilities: { elicitation: { form: {} } } };
/**
 * Plays the user behind a client declared with CAN_ASK_USER: every approval question gets
 * `answer`. Returns the questions asked, in order, so a test can check what the user saw.
 */
export function answerApprovals(client, answer) {
    const asked = [];
    client.setRequestHandler('elicitation/create', async (request) => {
        asked.push(String(request.params.message));
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: answer };
    });
    return asked;
}
