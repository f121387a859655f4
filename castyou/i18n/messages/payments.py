"""Buying CasTars: bundles, card form, payment outcomes, receipts."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "payments.suggested": ("Covers what you need", "Cobre o que falta", "Cubre lo que te falta"),
    "payments.title": ("Buy CasTars", "Comprar CasTars", "Comprar CasTars"),
    "payments.subtitle": (
        "Choose a bundle, pay by card, and your CasTars arrive right away.",
        "Escolha um pacote, pague com cartão e seus CasTars chegam na hora.",
        "Elige un paquete, paga con tarjeta y tus CasTars llegan al instante.",
    ),
    "payments.test_mode": ("Test mode", "Modo de teste", "Modo de prueba"),
    "payments.test_mode_hint": (
        "No real money moves. Use card 4242 4242 4242 4242, any future date and any CVC.",
        "Nenhum dinheiro real é cobrado. Use o cartão 4242 4242 4242 4242, qualquer data futura"
        " e qualquer CVC.",
        "No se cobra dinero real. Usa la tarjeta 4242 4242 4242 4242, cualquier fecha futura"
        " y cualquier CVC.",
    ),
    "payments.best_value": ("Best Value", "Melhor custo-benefício", "Mejor valor"),
    "payments.stars": ("{stars} CasTars", "{stars} CasTars", "{stars} CasTars"),
    "payments.bonus": (
        "+{bonus} bonus ({percent}%)",
        "+{bonus} de bônus ({percent}%)",
        "+{bonus} de bonificación ({percent}%)",
    ),
    "payments.no_bonus": ("No bonus", "Sem bônus", "Sin bonificación"),
    "payments.select": ("Select", "Selecionar", "Seleccionar"),
    "payments.no_bundles": (
        "No bundles are on sale right now.",
        "Nenhum pacote à venda no momento.",
        "No hay paquetes a la venta ahora mismo.",
    ),
    "payments.summary": (
        "{bundle}: {stars} CasTars for {amount}",
        "{bundle}: {stars} CasTars por {amount}",
        "{bundle}: {stars} CasTars por {amount}",
    ),
    "payments.card_number": ("Card number", "Número do cartão", "Número de tarjeta"),
    "payments.card_expiry": ("Expiry (MM/YY)", "Validade (MM/AA)", "Caducidad (MM/AA)"),
    "payments.card_cvc": ("CVC", "CVC", "CVC"),
    "payments.pay": ("Pay", "Pagar", "Pagar"),
    "payments.change_bundle": (
        "Choose another bundle",
        "Escolher outro pacote",
        "Elegir otro paquete",
    ),
    "payments.processing": (
        "Processing your payment…",
        "Processando seu pagamento…",
        "Procesando tu pago…",
    ),
    "payments.local_note": (
        "Simulated payment: the card only picks the test outcome and is never stored.",
        "Pagamento simulado: o cartão só escolhe o resultado do teste e nunca é guardado.",
        "Pago simulado: la tarjeta solo elige el resultado de prueba y nunca se guarda.",
    ),
    "payments.stripe_note": (
        "Card details go straight to Stripe; CasTyou never sees or stores them.",
        "Os dados do cartão vão direto para a Stripe; a CasTyou nunca os vê nem guarda.",
        "Los datos de la tarjeta van directo a Stripe; CasTyou nunca los ve ni los guarda.",
    ),
    "payments.stripe_unconfigured": (
        "Card payments are not configured (missing publishable key).",
        "Pagamentos com cartão não configurados (falta a chave publicável).",
        "Los pagos con tarjeta no están configurados (falta la clave publicable).",
    ),
    "payments.success_title": ("Payment complete", "Pagamento concluído", "Pago completado"),
    "payments.success_body": (
        "{stars} CasTars were added. Your balance is now {balance} CasTars.",
        "{stars} CasTars foram adicionados. Seu saldo agora é {balance} CasTars.",
        "Se añadieron {stars} CasTars. Tu saldo ahora es de {balance} CasTars.",
    ),
    "payments.view_receipt": ("View receipt", "Ver recibo", "Ver recibo"),
    "payments.buy_more": ("Buy more", "Comprar mais", "Comprar más"),
    "payments.failed": (
        "Payment failed: {message}",
        "Pagamento recusado: {message}",
        "Pago rechazado: {message}",
    ),
    "payments.declined": (
        "Your card was declined.",
        "Seu cartão foi recusado.",
        "Tu tarjeta fue rechazada.",
    ),
    "payments.insufficient_funds": (
        "Your card has insufficient funds.",
        "Seu cartão não tem saldo suficiente.",
        "Tu tarjeta no tiene fondos suficientes.",
    ),
    "payments.expired_card": (
        "Your card has expired.",
        "Seu cartão está vencido.",
        "Tu tarjeta está caducada.",
    ),
    "payments.incorrect_cvc": (
        "Your card's security code is incorrect.",
        "O código de segurança do cartão está incorreto.",
        "El código de seguridad de la tarjeta es incorrecto.",
    ),
    "payments.test_mode_live_card": (
        "Your card was declined: test mode accepts only Stripe test cards.",
        "Seu cartão foi recusado: o modo de teste aceita só cartões de teste da Stripe.",
        "Tu tarjeta fue rechazada: el modo de prueba solo acepta tarjetas de prueba de Stripe.",
    ),
    "payments.payment_failed": (
        "The payment did not go through.",
        "O pagamento não foi concluído.",
        "El pago no se completó.",
    ),
    "payments.card_number_invalid": (
        "Your card number is invalid.",
        "O número do cartão é inválido.",
        "El número de tarjeta no es válido.",
    ),
    "payments.card_expiry_invalid": (
        "Your card's expiry date is invalid: use MM/YY.",
        "A validade do cartão é inválida: use MM/AA.",
        "La fecha de caducidad no es válida: usa MM/AA.",
    ),
    "payments.card_expired": (
        "Your card's expiry date is in the past.",
        "A validade do cartão já passou.",
        "La fecha de caducidad de la tarjeta ya pasó.",
    ),
    "payments.card_cvc_invalid": (
        "Your card's security code is invalid.",
        "O código de segurança do cartão é inválido.",
        "El código de seguridad de la tarjeta no es válido.",
    ),
    "payments.card_cvc_short": (
        "Your card's security code is too short: it has 3 or 4 digits.",
        "O código de segurança do cartão é curto demais: tem 3 ou 4 dígitos.",
        "El código de seguridad de la tarjeta es demasiado corto: tiene 3 o 4 dígitos.",
    ),
    "payments.simulator_unreachable": (
        "The payment could not be confirmed. Please try again.",
        "Não foi possível confirmar o pagamento. Tente novamente.",
        "No se pudo confirmar el pago. Inténtalo de nuevo.",
    ),
    "payments.gateway_unavailable": (
        "The payment service is unavailable. Please try again shortly.",
        "O serviço de pagamento está indisponível. Tente novamente em instantes.",
        "El servicio de pago no está disponible. Inténtalo de nuevo en breve.",
    ),
    "payments.unknown_bundle": (
        "That bundle is not on sale.",
        "Esse pacote não está à venda.",
        "Ese paquete no está a la venta.",
    ),
    "payments.not_payable": (
        "This purchase can no longer be paid. Choose a bundle again.",
        "Esta compra não pode mais ser paga. Escolha um pacote de novo.",
        "Esta compra ya no se puede pagar. Elige un paquete de nuevo.",
    ),
    "payments.reason_purchase": ("Bundle purchase", "Compra de pacote", "Compra de paquete"),
    "payments.reason_refund": (
        "Card payment refunded",
        "Pagamento com cartão reembolsado",
        "Pago con tarjeta reembolsado",
    ),
    "notification.castars_purchased": (
        "{stars} CasTars from the {bundle} bundle were added to your balance.",
        "{stars} CasTars do pacote {bundle} foram adicionados ao seu saldo.",
        "Se añadieron a tu saldo {stars} CasTars del paquete {bundle}.",
    ),
    "notification.castars_refunded": (
        "{stars} CasTars were taken back after a refund of your {bundle} purchase.",
        "{stars} CasTars foram estornados após o reembolso da sua compra {bundle}.",
        "Se retiraron {stars} CasTars tras el reembolso de tu compra {bundle}.",
    ),
    "receipt.title": ("Receipt", "Recibo", "Recibo"),
    "receipt.issuer": (
        "CasTyou · CasTars purchase",
        "CasTyou · Compra de CasTars",
        "CasTyou · Compra de CasTars",
    ),
    "receipt.number": ("Receipt number", "Número do recibo", "Número de recibo"),
    "receipt.date": ("Date", "Data", "Fecha"),
    "receipt.bundle": ("Bundle", "Pacote", "Paquete"),
    "receipt.amount": ("Amount paid", "Valor pago", "Importe pagado"),
    "receipt.stars": ("CasTars", "CasTars", "CasTars"),
    "receipt.payment_id": ("Payment ID", "ID do pagamento", "ID del pago"),
    "receipt.refunded": (
        "Refunded: {amount} ({stars} CasTars)",
        "Reembolsado: {amount} ({stars} CasTars)",
        "Reembolsado: {amount} ({stars} CasTars)",
    ),
    "receipt.print": ("Print", "Imprimir", "Imprimir"),
    "receipt.back": ("Back to CasTars", "Voltar aos CasTars", "Volver a CasTars"),
    "receipt.not_found": (
        "This receipt does not exist.",
        "Este recibo não existe.",
        "Este recibo no existe.",
    ),
}
